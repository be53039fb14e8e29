import {
  type CorpusScore,
  accuracy,
  formatScoreTable,
  loadReplyCorpus,
  scoreCorpus,
} from '@helpdesk/testing/reply-corpus';

import { stripReply } from './strip-reply';

const MIN_ACCURACY = 0.85;
// Cases whose source's policy contradicts ours: see "Where the sources disagree" in the corpus README.
const POLICY_CONFLICTS = [
  'github-email_1_1',
  'github-email_1_3',
  'crisp-email_with_regards',
  'talon-eml-iphone',
  'talon-eml-sparrow',
  'talon-html-test_reply_separated_by_hr',
  'planer-text-detects_inline_replies-1',
];

describe('reply-stripping corpus', () => {
  let score: CorpusScore;

  beforeAll(() => {
    score = scoreCorpus(loadReplyCorpus(), stripReply);
    console.log(`${formatScoreTable(score)}\n\nfailed: ${score.failedIds.join(', ')}`);
  });

  it(`matches the expected reply in at least ${MIN_ACCURACY * 100}% of the cases`, () => {
    expect(accuracy(score.overall)).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });

  it('passes every case except those whose source contradicts our policy', () => {
    expect(score.failedIds.filter((id) => !POLICY_CONFLICTS.includes(id))).toEqual([]);
  });
});
