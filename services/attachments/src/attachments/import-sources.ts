import { DomainError, ErrorCode, MAIL_PART_KEY_PREFIX } from '@helpdesk/contracts';

export const IMPORT_SOURCE_BUCKET = Symbol('IMPORT_SOURCE_BUCKET');

/**
 * attachments.import copies only the parts mail-ingress wrote for it: under its part prefix, in
 * its own bucket. Any other key, such as another account's attachment, is refused as missing.
 */
export function assertImportable(source: { bucket: string; key: string }, bucket: string): void {
  const segments = source.key.split('/');
  const underPrefix =
    source.key.startsWith(MAIL_PART_KEY_PREFIX) &&
    !segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (source.bucket !== bucket || !underPrefix) {
    throw new DomainError(ErrorCode.NotFound, `No importable object '${source.key}' in bucket '${source.bucket}'.`);
  }
}
