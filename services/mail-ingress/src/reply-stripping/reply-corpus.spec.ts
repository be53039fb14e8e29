import { accuracy, formatScoreTable, loadReplyCorpus, scoreCorpus } from '@helpdesk/testing/reply-corpus';

import { stripReply } from './strip-reply';

const MIN_ACCURACY = 0.85;

describe('reply-stripping corpus', () => {
  it(`matches the expected reply in at least ${MIN_ACCURACY * 100}% of the cases`, () => {
    const cases = loadReplyCorpus();

    const score = scoreCorpus(cases, stripReply);

    console.log(`${formatScoreTable(score)}\nfailed: ${score.failedIds.join(', ')}`);
    expect(accuracy(score.overall)).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });
});
