/**
 * `Content-Disposition: attachment` for a stored filename (RFC 6266): an ASCII `filename` for
 * old clients (accents dropped, anything else `_`, never a quote, backslash, percent sign or
 * control character) and `filename*` with the exact Unicode name, percent-encoded as UTF-8
 * (RFC 8187), which every current browser prefers.
 */
export function attachmentDisposition(filename: string): string {
  const name =
    wellFormed(filename)
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
      .trim() || 'attachment';
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

function asciiFallback(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'attachment'
  );
}

/** Percent-encodes all but RFC 8187's attr-char (encodeURIComponent leaves `'()*` and `!` alone). */
function encodeRfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
