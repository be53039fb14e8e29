import { afterFailure, describeFailure, isPermanentFailure, retryDelayMs } from './delivery-policy';

const smtpError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(typeof fields.response === 'string' ? fields.response : 'failed'), fields);

describe(isPermanentFailure.name, () => {
  it.each([
    [
      'a 550 mailbox unavailable',
      smtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user' }),
      true,
    ],
    ['a 554 transaction failed', smtpError({ code: 'EMESSAGE', responseCode: 554 }), true],
    ['an envelope nodemailer refuses before asking', smtpError({ code: 'EENVELOPE' }), true],
    ['a 421 service not available', smtpError({ code: 'ECONNECTION', responseCode: 421 }), false],
    ['a 451 local error', smtpError({ code: 'EENVELOPE', responseCode: 451 }), false],
    ['a refused connection', smtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1025' }), false],
    ['a timeout', smtpError({ code: 'ETIMEDOUT' }), false],
    ['bad credentials (ours to fix)', smtpError({ code: 'EAUTH', responseCode: 535 }), false],
    ['something unknown', new Error('boom'), false],
  ])('%s: %p', (_, error, permanent) => {
    expect(isPermanentFailure(error)).toBe(permanent);
  });
});

describe(retryDelayMs.name, () => {
  it('doubles from the base up to the cap', () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4, 5, 10].map((attempt) => retryDelayMs(attempt, 1_000, 10_000, half))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('spreads retries by ±20 %', () => {
    expect(retryDelayMs(1, 1_000, 10_000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1_000, 10_000, () => 1)).toBe(1_200);
    expect(retryDelayMs(1_000, 1_000, 10_000, () => 0.5)).toBe(10_000);
  });
});

describe(afterFailure.name, () => {
  const policy = { retryBaseMs: 1_000, retryMaxMs: 60_000, giveUpAfterMs: 3_600_000 };
  const now = new Date('2026-01-01T12:00:00Z');
  const refused = smtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' });

  it('retries a transient failure later', () => {
    const outcome = afterFailure(refused, { attempts: 3, createdAt: now }, policy, now, () => 0.5);
    expect(outcome).toEqual({ retryAt: new Date(now.getTime() + 4_000), error: 'ESOCKET: connect ECONNREFUSED' });
  });

  it('stops at a permanent failure', () => {
    const rejected = smtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 no such user' });
    expect(afterFailure(rejected, { attempts: 1, createdAt: now }, policy, now)).toEqual({
      failed: true,
      error: 'EENVELOPE: 550 no such user',
    });
  });

  it('gives up on a mail that kept failing for too long', () => {
    const createdAt = new Date(now.getTime() - 3_600_000);
    expect(afterFailure(refused, { attempts: 40, createdAt }, policy, now)).toEqual({
      failed: true,
      error: 'gave up after 40 attempts: ESOCKET: connect ECONNREFUSED',
    });
  });

  it('describes a failure on one short line', () => {
    expect(describeFailure(smtpError({ response: '451\r\n  try   later' }))).toBe('451 try later');
    expect(describeFailure('x'.repeat(1_000))).toHaveLength(500);
  });

  it('never quotes a reply token', () => {
    const refused = smtpError({ response: '550 <reply+1042-c17-abcdefghijklmnopqrst@helpdesk.test> refused' });
    expect(describeFailure(refused)).toBe(`550 <reply+${'*'.repeat(29)}@helpdesk.test> refused`);
  });
});
