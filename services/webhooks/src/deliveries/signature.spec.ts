import { createHmac } from 'node:crypto';

import { newWebhookSecret, signatureHeader } from './signature';

describe('signatureHeader', () => {
  const body = '{"event":"ticket.created"}';

  it('signs the timestamp, a dot and the body with the secret', () => {
    const expected = createHmac('sha256', 'whsec_a').update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(['whsec_a'], '1700000000', body)).toBe(`v1=${expected}`);
  });

  it('lists one signature per secret during a rotation, the current one first', () => {
    const [current, previous] = signatureHeader(['whsec_new', 'whsec_old'], '1700000000', body).split(',');
    expect(current).toBe(signatureHeader(['whsec_new'], '1700000000', body));
    expect(previous).toBe(signatureHeader(['whsec_old'], '1700000000', body));
  });

  it('changes with the timestamp, so a captured request cannot be replayed as a newer one', () => {
    expect(signatureHeader(['whsec_a'], '1700000000', body)).not.toBe(signatureHeader(['whsec_a'], '1700000001', body));
  });
});

describe('newWebhookSecret', () => {
  it('is prefixed and never repeats', () => {
    const secrets = new Set(Array.from({ length: 50 }, newWebhookSecret));
    expect(secrets.size).toBe(50);
    expect([...secrets].every((secret) => /^whsec_[0-9a-f]{64}$/.test(secret))).toBe(true);
  });
});
