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
  /** The class of reply the case exercises (the project's own cases only). */
  category?: string;
  /** The mail client whose output the body reproduces (the project's own cases only). */
  client?: string;
}

export interface GroupScore {
  group: string;
  passed: number;
  total: number;
}

/** Tallies per source, per category and per client (cases without that field are left out). */
export interface CorpusScore {
  bySource: GroupScore[];
  byCategory: GroupScore[];
  byClient: GroupScore[];
  overall: GroupScore;
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
  const bySource = new Map<string, GroupScore>();
  const byCategory = new Map<string, GroupScore>();
  const byClient = new Map<string, GroupScore>();
  const overall: GroupScore = { group: 'overall', passed: 0, total: 0 };
  const failedIds: string[] = [];
  for (const testCase of cases) {
    const passed = isCorpusMatch(strip(testCase.body, testCase.format), testCase);
    const tallies = [
      overall,
      tallyFor(bySource, testCase.source.split(':')[0]),
      tallyFor(byCategory, testCase.category),
      tallyFor(byClient, testCase.client),
    ];
    for (const tally of tallies) {
      if (tally) {
        tally.total++;
        tally.passed += passed ? 1 : 0;
      }
    }
    if (!passed) {
      failedIds.push(testCase.id);
    }
  }
  return {
    bySource: [...bySource.values()],
    byCategory: [...byCategory.values()],
    byClient: [...byClient.values()],
    overall,
    failedIds,
  };
}

function tallyFor(tallies: Map<string, GroupScore>, group: string | undefined): GroupScore | null {
  if (group === undefined) {
    return null;
  }
  const tally = tallies.get(group) ?? { group, passed: 0, total: 0 };
  tallies.set(group, tally);
  return tally;
}

export function accuracy(score: GroupScore): number {
  return score.total === 0 ? 0 : score.passed / score.total;
}

/** One table each for sources (then overall), categories and clients: `group  passed/total  pct%`. */
export function formatScoreTable(score: CorpusScore): string {
  const sections: [string, GroupScore[]][] = [
    ['source', [...score.bySource, score.overall]],
    ['category', score.byCategory],
    ['client', score.byClient],
  ];
  const rows = sections.flatMap(([, groups]) => groups);
  const width = Math.max(...rows.map((row) => row.group.length));
  return sections
    .filter(([, groups]) => groups.length > 0)
    .map(([title, groups]) => [`by ${title}:`, ...groups.map((row) => formatRow(row, width))].join('\n'))
    .join('\n\n');
}

function formatRow(row: GroupScore, width: number): string {
  const percent = (accuracy(row) * 100).toFixed(1);
  return `  ${row.group.padEnd(width)}  ${row.passed}/${row.total}  ${percent}%`;
}
