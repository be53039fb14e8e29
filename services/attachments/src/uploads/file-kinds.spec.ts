import { decideKind, extensionOf, FileKind, SniffInput, textEncodingOf } from './file-kinds';

const text = (value: string) => new TextEncoder().encode(value);
const input = (overrides: Partial<SniffInput>): SniffInput => ({
  head: text('plain words\n'),
  complete: true,
  filename: 'file.txt',
  ...overrides,
});
const PNG = { ext: 'png', mime: 'image/png' };

describe(decideKind.name, () => {
  it.each([
    ['png', 'image/png', FileKind.Png, 'image/png'],
    ['jpg', 'image/jpeg', FileKind.Jpeg, 'image/jpeg'],
    ['gif', 'image/gif', FileKind.Gif, 'image/gif'],
    ['webp', 'image/webp', FileKind.Webp, 'image/webp'],
    ['pdf', 'application/pdf', FileKind.Pdf, 'application/pdf'],
    ['zip', 'application/zip', FileKind.Zip, 'application/zip'],
    ['gz', 'application/gzip', FileKind.Gzip, 'application/gzip'],
    ['tar', 'application/x-tar', FileKind.Tar, 'application/x-tar'],
    ['7z', 'application/x-7z-compressed', FileKind.SevenZip, 'application/x-7z-compressed'],
  ])('takes what file-type recognises as %s', (ext, mime, kind, contentType) => {
    expect(decideKind(input({ detected: { ext, mime }, filename: 'upload' }))).toEqual({
      allowed: true,
      kind,
      contentType,
    });
  });

  it.each([
    ['exe', 'application/x-msdownload'],
    ['elf', 'application/x-elf'],
    ['xml', 'application/xml'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['mp4', 'video/mp4'],
  ])('refuses other recognised kinds (%s)', (ext, mime) => {
    expect(decideKind(input({ detected: { ext, mime }, filename: 'upload' }))).toEqual({
      allowed: false,
      reason: `is ${mime} (.${ext}), a kind that is not allowed`,
    });
  });

  it.each([
    ['a log', 'server.log', '2024-05-01 ERROR timeout\n\tat x\n'],
    ['coloured log output', 'build.out', '\u001b[31mFAILED\u001b[0m step 3\r\n'],
    ['a rotated log with an unknown ending', 'syslog.1', 'May  1 kernel: oops\n'],
    ['text without a name ending', 'README', 'hello'],
    ['CSV', 'export.csv', 'a,b\n1,2\n'],
    ['JSON', 'dump.json', '{"a":1}'],
  ])('takes plain text: %s', (_, filename, content) => {
    expect(decideKind(input({ head: text(content), filename }))).toEqual({
      allowed: true,
      kind: FileKind.Text,
      contentType: 'text/plain; charset=utf-8',
    });
  });

  it('labels text that is not UTF-8 without a charset', () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    expect(decideKind(input({ head: latin1 }))).toMatchObject({ allowed: true, contentType: 'text/plain' });
  });

  it.each([
    ['HTML', 'page.txt', '<!DOCTYPE html><html></html>', 'looks like HTML, SVG or XML markup'],
    ['HTML after a BOM and blank lines', 'x.log', '\ufeff\n\n  <html><body>', 'looks like HTML, SVG or XML markup'],
    ['SVG', 'logo.txt', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'looks like HTML, SVG or XML markup'],
    ['a shebang script', 'fix.log', '#!/usr/bin/env python\nprint(1)\n', 'is a script'],
  ])('refuses %s even as text', (_, filename, content, reason) => {
    const decision = decideKind(input({ head: text(content), filename }));
    expect(decision.allowed).toBe(false);
    expect(!decision.allowed && decision.reason).toContain(reason);
  });

  it.each(['page.html', 'logo.SVG', 'run.exe', 'fix.sh', 'macro.vbs', 'setup.bat', 'app.js', 'x.php', 'tool.jar'])(
    'refuses the name %s whatever the bytes',
    (filename) => {
      const decision = decideKind(input({ filename }));
      expect(decision).toEqual({
        allowed: false,
        reason: expect.stringMatching(/^is named "\.[a-z]+", a kind that is not allowed$/),
      });
    },
  );

  it.each([
    'text/html',
    'image/svg+xml',
    'application/javascript',
    'application/x-msdownload',
    'TEXT/HTML; charset=utf-8',
  ])('refuses the claimed type %s whatever the bytes', (declaredType) => {
    expect(decideKind(input({ declaredType })).allowed).toBe(false);
  });

  it('refuses a name that says another kind than the bytes', () => {
    expect(decideKind(input({ detected: { ext: 'pdf', mime: 'application/pdf' }, filename: 'photo.png' }))).toEqual({
      allowed: false,
      reason: 'is named ".png" but its contents are a PDF document',
    });
    expect(decideKind(input({ filename: 'archive.zip' }))).toEqual({
      allowed: false,
      reason: 'is named ".zip" but its contents are plain text',
    });
  });

  it('refuses a claimed type that says another kind than the bytes', () => {
    expect(decideKind(input({ detected: PNG, filename: 'x', declaredType: 'application/pdf' }))).toEqual({
      allowed: false,
      reason: 'was sent as application/pdf but its contents are a PNG image',
    });
    expect(decideKind(input({ detected: PNG, filename: 'x', declaredType: 'image/tiff' })).allowed).toBe(false);
  });

  it.each([
    [PNG, 'shot.png', 'application/octet-stream'],
    [PNG, 'shot.png', ''],
    [PNG, 'shot', 'image/x-png'],
    [{ ext: 'jpg', mime: 'image/jpeg' }, 'photo.JPEG', 'image/jpg'],
    [{ ext: 'gz', mime: 'application/gzip' }, 'logs.tar.gz', 'application/x-gtar'],
    [{ ext: 'gz', mime: 'application/gzip' }, 'logs.tgz', 'application/x-gzip'],
    [{ ext: 'zip', mime: 'application/zip' }, 'logs.zip', 'application/x-zip-compressed'],
    [undefined, 'app.log', 'text/x-log'],
    [undefined, 'data.json', 'application/json'],
    [undefined, 'weird.dat', 'application/x-something-unknown'],
  ])('accepts consistent names and claims (%#)', (detected, filename, declaredType) => {
    expect(decideKind(input({ detected, filename, declaredType })).allowed).toBe(true);
  });
});

describe(textEncodingOf.name, () => {
  it('is not text with a NUL byte (binary, UTF-16)', () => {
    expect(textEncodingOf(Uint8Array.from([0x61, 0x00, 0x62]), true)).toBeUndefined();
    expect(textEncodingOf(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), true)).toBeUndefined();
  });

  it('is not text with more than 1% control characters', () => {
    const sample = new Uint8Array(1000).fill(0x61);
    sample.fill(0x01, 0, 10);
    expect(textEncodingOf(sample, true)).toBe('utf-8');
    sample[10] = 0x02;
    expect(textEncodingOf(sample, true)).toBeUndefined();
  });

  it('forgives a UTF-8 character cut at the end of a sample, not of a whole file', () => {
    const cut = text('Grüße €').subarray(0, -1);
    expect(textEncodingOf(cut, false)).toBe('utf-8');
    expect(textEncodingOf(cut, true)).toBe('8bit');
  });
});

describe(extensionOf.name, () => {
  it.each([
    ['report.PDF', 'pdf'],
    ['logs.tar.gz', 'gz'],
    ['.bashrc', undefined],
    ['README', undefined],
    ['trailing.', undefined],
  ])('%s → %s', (filename, extension) => {
    expect(extensionOf(filename)).toBe(extension);
  });
});
