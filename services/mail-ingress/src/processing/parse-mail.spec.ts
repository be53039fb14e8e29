import { MalformedMailError, parseInboundMail } from './parse-mail';
import { replyText } from './reply-text';

const CRLF = '\r\n';

/** A one-part message: headers, then the body bytes exactly as given. */
function message(headers: string[], body: Buffer | string): Buffer {
  return Buffer.concat([
    Buffer.from(
      ['From: Casey <casey@client.test>', 'To: reply+1-c1-x@helpdesk.test', ...headers].join(CRLF) + CRLF + CRLF,
    ),
    typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
  ]);
}

const textOf = async (raw: Buffer) => (await parseInboundMail(raw)).text?.trim();

describe(parseInboundMail.name, () => {
  it.each<[string, string[], Buffer | string, string]>([
    [
      'UTF-8 in base64',
      ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'],
      Buffer.from(Buffer.from('Grüße, 你好 — ✓').toString('base64')),
      'Grüße, 你好 — ✓',
    ],
    [
      'ISO-8859-1 in quoted-printable',
      ['Content-Type: text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding: quoted-printable'],
      'Gr=FC=DFe aus M=FCnchen, =E0 bient=F4t',
      'Grüße aus München, à bientôt',
    ],
    [
      'ISO-8859-15 (the euro sign)',
      ['Content-Type: text/plain; charset=iso-8859-15', 'Content-Transfer-Encoding: 8bit'],
      Buffer.from([0x50, 0x72, 0x69, 0x63, 0x65, 0x3a, 0x20, 0x31, 0x30, 0x20, 0xa4]),
      'Price: 10 €',
    ],
    [
      'ISO-8859-2 in 8bit',
      ['Content-Type: text/plain; charset=ISO-8859-2', 'Content-Transfer-Encoding: 8bit'],
      Buffer.from([0x5a, 0xa3, 0x6f, 0xb6, 0xe6]),
      'ZŁość',
    ],
    [
      'Windows-1252 in quoted-printable',
      ['Content-Type: text/plain; charset=windows-1252', 'Content-Transfer-Encoding: quoted-printable'],
      'Smart =93quotes=94 cost =8010=96=8020',
      'Smart “quotes” cost €10–€20',
    ],
    [
      'Windows-1251 in base64',
      ['Content-Type: text/plain; charset=windows-1251', 'Content-Transfer-Encoding: base64'],
      Buffer.from(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]).toString('base64')),
      'Привет',
    ],
    [
      'ISO-2022-JP in 7bit',
      ['Content-Type: text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit'],
      Buffer.from('1b244224332473244b2441244f21224a563f2e2447243921231b2842', 'hex'),
      'こんにちは、返信です。',
    ],
    [
      'format=flowed',
      ['Content-Type: text/plain; charset=utf-8; format=flowed'],
      'This line was wrapped by the mail client \r\nand continues here.\r\n\r\nNew paragraph.',
      'This line was wrapped by the mail client and continues here.\n\nNew paragraph.',
    ],
  ])('decodes %s', async (_, headers, body, expected) => {
    await expect(textOf(message(headers, body))).resolves.toBe(expected);
  });

  it('keeps an HTML-only message as HTML, and its attachments with their bytes', async () => {
    const raw = [
      'From: casey@client.test',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hello <b>team</b></p>',
      '--b1',
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename="invoice.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 test').toString('base64'),
      '--b1',
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('not really a png').toString('base64'),
      '--b1--',
      '',
    ].join(CRLF);
    const parsed = await parseInboundMail(Buffer.from(raw));
    expect(parsed.text).toBeNull();
    expect(parsed.html).toContain('<b>team</b>');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['invoice.pdf', 'application/pdf', '%PDF-1.4 test'],
      ['attachment-2.png', 'image/png', 'not really a png'],
    ]);
  });

  it.each([
    ['no header at all', Buffer.from('\r\njust some bytes\r\n')],
    [
      'a header larger than the parser takes',
      Buffer.from(`From: a@b.test\r\nX-Huge: ${'x'.repeat(2 * 1024 * 1024)}\r\n\r\nbody`),
    ],
  ])('calls a message with %s malformed', async (_, raw) => {
    await expect(parseInboundMail(raw)).rejects.toBeInstanceOf(MalformedMailError);
  });
});

describe(replyText.name, () => {
  it('prefers the text part and strips the quoted history', () => {
    expect(
      replyText({
        text: 'Thanks, that fixed it.\n\nOn Mon, 2 Mar 2026 at 10:00, Helpdesk <support@helpdesk.test> wrote:\n> Hello Casey,\n> we refunded it.\n',
        html: '<p>something else</p>',
      }),
    ).toBe('Thanks, that fixed it.');
  });

  it('converts an HTML-only reply to text, leaving no markup', () => {
    const text = replyText({
      text: null,
      html: '<div>Works <b>now</b>, <a href="https://x.test">see</a>.<script>alert(1)</script><img src=x onerror=alert(2)></div><blockquote>old</blockquote>',
    });
    expect(text).toContain('Works now');
    expect(text).not.toMatch(/<|alert/);
  });

  it('drops control characters, keeps text that merely looks like markup as text', () => {
    expect(replyText({ text: 'a\u0000b\u0007c <b>not bold</b>\r\n\r\n\r\n\r\nend  ', html: null })).toBe(
      'abc <b>not bold</b>\n\nend',
    );
  });

  it('is empty when nothing new was written', () => {
    expect(replyText({ text: '> only a quote\n> of the notification\n', html: null })).toBe('');
    expect(replyText({ text: null, html: null })).toBe('');
  });
});
