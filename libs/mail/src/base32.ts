const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * RFC 4648 base32 in lower case, without padding: letters and digits only, so it survives
 * MTAs that lowercase addresses and fits an address local part or a Message-ID.
 */
export function base32(bytes: Uint8Array, length = Math.floor((bytes.length * 8) / 5)): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (out.length < length) {
    throw new Error(`base32: ${bytes.length} bytes cannot give ${length} characters`);
  }
  return out;
}
