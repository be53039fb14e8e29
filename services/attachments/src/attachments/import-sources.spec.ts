import { ErrorCode } from '@helpdesk/contracts';

import { assertImportable } from './import-sources';

const BUCKET = 'helpdesk-raw-mail';

describe(assertImportable.name, () => {
  it('takes a part mail-ingress wrote in its bucket', () => {
    expect(() => assertImportable({ bucket: BUCKET, key: 'parts/42/0' }, BUCKET)).not.toThrow();
  });

  it.each([
    ['the attachments bucket', { bucket: 'helpdesk-attachments', key: 'parts/42/0' }],
    ['an attachment object', { bucket: BUCKET, key: 'attachments/2026-01/9b2c' }],
    ['a raw message', { bucket: BUCKET, key: 'raw/42' }],
    ['a path that climbs out', { bucket: BUCKET, key: 'parts/../raw/42' }],
    ['an empty segment', { bucket: BUCKET, key: 'parts//42' }],
    ['the prefix without a slash', { bucket: BUCKET, key: 'partsx/42' }],
  ])('refuses %s as not found', (_, source) => {
    let refusal: unknown;
    try {
      assertImportable(source, BUCKET);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: ErrorCode.NotFound });
  });
});
