import { attachmentDisposition } from './content-disposition';

/** What a browser makes of the header: filename* when present (RFC 6266 §4.3). */
function filenameStar(header: string): string {
  return decodeURIComponent(/filename\*=UTF-8''([^;]*)$/.exec(header)?.[1] ?? '');
}

describe(attachmentDisposition.name, () => {
  it('offers plain names as they are', () => {
    expect(attachmentDisposition('report-2024.pdf')).toBe(
      `attachment; filename="report-2024.pdf"; filename*=UTF-8''report-2024.pdf`,
    );
  });

  it('keeps Unicode in filename* and gives old clients an ASCII fallback', () => {
    const header = attachmentDisposition('Überweisung März – 日本.pdf');
    expect(header).toBe(
      `attachment; filename="Uberweisung Marz _ __.pdf"; filename*=UTF-8''%C3%9Cberweisung%20M%C3%A4rz%20%E2%80%93%20%E6%97%A5%E6%9C%AC.pdf`,
    );
    expect(filenameStar(header)).toBe('Überweisung März – 日本.pdf');
  });

  it.each([
    ['quotes', 'say "hi".txt', 'say _hi_.txt'],
    ['backslashes', 'a\\b.txt', 'a_b.txt'],
    ['percent signs', '100%.txt', '100_.txt'],
    ['a header injection', 'x.txt"\r\nSet-Cookie: a=b', 'x.txt_Set-Cookie: a=b'],
  ])('never lets %s break out of the quoted fallback', (_, name, fallback) => {
    const header = attachmentDisposition(name);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith(`attachment; filename="${fallback}"; filename*=UTF-8''`)).toBe(true);
    expect(filenameStar(header)).toBe(name.replace(/[\r\n]/g, ''));
  });

  it("percent-encodes the characters RFC 8187 does not allow bare: ' ( ) * !", () => {
    expect(attachmentDisposition("it's (1)*!.txt")).toContain(`filename*=UTF-8''it%27s%20%281%29%2A%21.txt`);
  });

  it('names an empty or unencodable name sensibly', () => {
    expect(attachmentDisposition('')).toBe(`attachment; filename="attachment"; filename*=UTF-8''attachment`);
    expect(filenameStar(attachmentDisposition('bad\uD800.txt'))).toBe('bad\uFFFD.txt');
  });
});
