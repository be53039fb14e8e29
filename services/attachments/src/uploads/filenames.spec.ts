import { sanitizeFilename } from './filenames';

describe(sanitizeFilename.name, () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['Überweisung März – 日本.pdf', 'Überweisung März – 日本.pdf'],
    ['C:\\fakepath\\scan.png', 'scan.png'],
    ['../../etc/passwd', 'passwd'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  spaced.txt  ', 'spaced.txt'],
    ['dots...', 'dots'],
    ['e\u0301te.txt', 'éte.txt'],
    ['"quoted".txt', '"quoted".txt'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['..', 'attachment'],
    ['dir/', 'attachment'],
    ['bad\uD800surrogate.txt', 'bad\uFFFDsurrogate.txt'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('keeps at most 255 UTF-8 bytes, the extension and whole characters', () => {
    const name = sanitizeFilename(`${'日'.repeat(200)}.log`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^日+\.log$/);
  });

  // A quadratic pass over 1,000,000 characters takes minutes, far past the test's timeout.
  it.each([
    ['dots and spaces ending in a letter', '. '.repeat(500_000) + 'y', '. '.repeat(127) + 'y'],
    ['dots and spaces at the end', 'name' + '. '.repeat(500_000), 'name'],
    ['one long stem', 'a'.repeat(1_000_000) + '.pdf', 'a'.repeat(251) + '.pdf'],
  ])('cleans a million-character name of %s in linear time', (_, raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });
});
