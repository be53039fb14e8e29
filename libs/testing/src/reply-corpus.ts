import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a corpus body is encoded: the text/plain or the text/html part of a reply. */
export type BodyFormat = 'text' | 'html';

/** The corpus shipped with the repository (test/fixtures/reply-stripping, licences in its README). */
export const REPLY_CORPUS_PATH = join(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'reply-stripping',
  'cases.jsonl',
);

export function loadReplyCorpus(path = REPLY_CORPUS_PATH): CorpusCase[] {
  return parseCorpus(readFileSync(path, 'utf8'));
}

/** One line of the reply-stripping corpus (see its README for the fields). */
export interface CorpusCase {
  id: string;
  source: string;
  format: BodyFormat;
  body: string;
  expected: string;
}

export interface SourceScore {
  source: string;
  passed: number;
  total: number;
}

export interface CorpusScore {
  bySource: SourceScore[];
  overall: SourceScore;
  failedIds: string[];
}

export function parseCorpus(jsonl: string): CorpusCase[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusCase);
}

/**
 * The README's Scoring rules: LF endings, no trailing spaces, at most one blank line in a row,
 * trimmed; for HTML all whitespace is ignored.
 */
export function normaliseForScoring(text: string, format: BodyFormat): string {
  const normalised = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return format === 'html' ? normalised.replace(/\s+/g, '') : normalised;
}

export function isCorpusMatch(actual: string, testCase: CorpusCase): boolean {
  return normaliseForScoring(actual, testCase.format) === normaliseForScoring(testCase.expected, testCase.format);
}

export function scoreCorpus(
  cases: readonly CorpusCase[],
  strip: (body: string, format: BodyFormat) => string,
): CorpusScore {
  const bySource = new Map<string, SourceScore>();
  const overall: SourceScore = { source: 'overall', passed: 0, total: 0 };
  const failedIds: string[] = [];
  for (const testCase of cases) {
    const source = testCase.source.split(':')[0];
    const score = bySource.get(source) ?? { source, passed: 0, total: 0 };
    bySource.set(source, score);
    const passed = isCorpusMatch(strip(testCase.body, testCase.format), testCase);
    for (const tally of [score, overall]) {
      tally.total++;
      tally.passed += passed ? 1 : 0;
    }
    if (!passed) {
      failedIds.push(testCase.id);
    }
  }
  return { bySource: [...bySource.values()], overall, failedIds };
}

export function accuracy(score: SourceScore): number {
  return score.total === 0 ? 0 : score.passed / score.total;
}

/** One line per source, then overall: `source  passed/total  pct%`. */
export function formatScoreTable(score: CorpusScore): string {
  const rows = [...score.bySource, score.overall];
  const width = Math.max(...rows.map((row) => row.source.length));
  return rows
    .map((row) => {
      const percent = (accuracy(row) * 100).toFixed(1);
      return `${row.source.padEnd(width)}  ${row.passed}/${row.total}  ${percent}%`;
    })
    .join('\n');
}
