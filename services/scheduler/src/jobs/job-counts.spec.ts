import { numbersIn, summarizeRun } from './job-counts';

describe('job counts', () => {
  describe(numbersIn.name, () => {
    it.each([
      [
        { asOf: '2026-11-27T12:00:00Z', closed: 3, reminded: 0, batches: 1 },
        { closed: 3, reminded: 0, batches: 1 },
      ],
      [{ service: 'tickets', published: 2 }, { published: 2 }],
      [7, { count: 7 }],
      [null, {}],
      [[1, 2], {}],
      [{ nested: { closed: 1 }, infinite: Infinity }, {}],
    ])('takes the numbers of %p', (result, expected) => {
      expect(numbersIn(result)).toEqual(expected);
    });
  });

  describe(summarizeRun.name, () => {
    it('is ok with the counts one service answered', () => {
      expect(summarizeRun([{ queue: 'tickets', ok: true, result: { closed: 2, reminded: 1, batches: 1 } }])).toEqual({
        ok: true,
        message: null,
        counts: { closed: 2, reminded: 1, batches: 1 },
      });
    });

    it('sums the counts of several services and keeps each one', () => {
      const summary = summarizeRun([
        { queue: 'tickets', ok: true, result: { service: 'tickets', published: 3 } },
        { queue: 'access', ok: true, result: { service: 'access', published: 1 } },
      ]);
      expect(summary.counts).toEqual({ published: 4, 'tickets.published': 3, 'access.published': 1 });
    });

    it('fails when any service failed, naming it, and keeps the counts of the others', () => {
      const summary = summarizeRun([
        { queue: 'tickets', ok: true, result: { published: 3 } },
        {
          queue: 'access',
          ok: false,
          error: { code: 'SERVICE_TIMEOUT', message: 'The access service did not answer in time' },
        },
      ]);
      expect(summary).toEqual({
        ok: false,
        message: 'access: SERVICE_TIMEOUT: The access service did not answer in time',
        counts: { published: 3, 'tickets.published': 3 },
      });
    });

    it('gives the error alone when the command went to one service', () => {
      expect(summarizeRun([{ queue: 'tickets', ok: false, error: { message: 'boom' } }]).message).toBe('boom');
    });
  });
});
