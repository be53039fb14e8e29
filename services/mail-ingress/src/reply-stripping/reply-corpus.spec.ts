import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { accuracy, formatScoreTable, parseCorpus, scoreCorpus } from './corpus-score';
import { stripReply } from './strip-reply';

const CORPUS_PATH =
  process.env.REPLY_CORPUS_PATH ??
  resolve(__dirname, '../../../../../shared/corpus/reply-stripping/cases.jsonl');
const MIN_ACCURACY = 0.85;

describe('reply-stripping corpus', () => {
  it(`matches the expected reply in at least ${MIN_ACCURACY * 100}% of the cases`, () => {
    const cases = parseCorpus(readFileSync(CORPUS_PATH, 'utf8'));

    const score = scoreCorpus(cases, stripReply);

    console.log(`${formatScoreTable(score)}\nfailed: ${score.failedIds.join(', ')}`);
    expect(accuracy(score.overall)).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });
});
