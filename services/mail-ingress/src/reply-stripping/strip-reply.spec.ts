import { stripReply } from './strip-reply';

const history = 'Can you check the invoice?\n\nAna';
const quotedHistory = history.replace(/^/gm, '> ');

describe(stripReply.name, () => {
  describe('text: removes the attribution line and everything after it', () => {
    it.each([
      ['English', 'On Mon, Jan 6, 2025 at 9:14 AM Ana Lima <ana@example.com> wrote:'],
      ['English, wrapped', 'On Mon, Jan 6, 2025 at 9:14 AM Ana Lima <\nana@example.com> wrote:'],
      ['English, wrapped twice', 'On Jan 6, 2025, at 09:14, Ana Lima\n<ana@example.com>\nwrote:'],
      ['French', 'Le lun. 6 janv. 2025 à 09:14, Ana Lima <ana@example.com> a écrit :'],
      ['French, wrapped', 'Le lun. 6 janv. 2025 à 09:14, Ana Lima <ana@example.com>\na écrit :'],
      ['German', 'Am 06.01.2025 um 09:14 schrieb Ana Lima <ana@example.com>:'],
      ['German, no address', 'Am 06.01.2025 um 09:14 schrieb Ana Lima:'],
      ['Spanish', 'El lun, 6 ene 2025 a las 9:14, Ana Lima (<ana@example.com>) escribió:'],
      ['Italian', 'Il giorno lun 6 gen 2025 alle ore 09:14 Ana Lima <ana@example.com> ha scritto:'],
      ['Dutch', 'Op ma 6 jan. 2025 om 09:14 schreef Ana Lima <ana@example.com>:'],
      ['Hungarian', '2025. jan. 6., hétfő 9:14 keltezéssel Ana Lima <ana@example.com> írta:'],
      ['Swedish', 'Den mån 6 jan. 2025 kl 09:14 skrev Ana Lima <ana@example.com>:'],
      ['Danish', 'man. 6. jan. 2025 kl. 09.14 skrev Ana Lima <ana@example.com>:'],
      ['Polish', 'W dniu 6.01.2025 o 09:14, Ana Lima pisze:'],
      ['Portuguese', 'Em seg., 6 de jan. de 2025 às 09:14, Ana Lima <ana@example.com> escreveu:'],
      ['Russian', 'пн, 6 янв. 2025 г. в 09:14, Ana Lima <ana@example.com>:'],
      ['Finnish', 'ma 6. tammik. 2025 klo 9.14 Ana Lima (ana@example.com) kirjoitti:'],
      ['Japanese', '2025年1月6日(月) 9:14 Ana Lima <ana@example.com>:'],
      ['Chinese', 'Ana Lima <ana@example.com> 于2025年1月6日周一 09:14写道：'],
      ['Android', '---- Ana Lima wrote ----'],
    ])('%s', (_language, attribution) => {
      expect(stripReply(`Done, thanks.\n\n${attribution}\n\n${history}`, 'text')).toBe('Done, thanks.');
      expect(stripReply(`Done, thanks.\n\n${attribution}\n${quotedHistory}`, 'text')).toBe('Done, thanks.');
    });

    it('keeps reply text sharing the line with the attribution', () => {
      const body = 'Done. On Mon, Jan 6, 2025 at 9:14 AM, ana@example.com wrote:\n> Old';

      expect(stripReply(body, 'text')).toBe('Done.');
    });
  });

  describe('text: removes reply header blocks and everything after them', () => {
    it.each([
      [
        'Outlook, English',
        'From: Ana Lima <ana@example.com>\nSent: Monday, January 6, 2025 9:14 AM\nTo: Support\nSubject: Invoice',
      ],
      [
        'Outlook, German',
        'Von: Ana Lima <ana@example.com>\nGesendet: Montag, 6. Januar 2025 09:14\nAn: Support\nBetreff: Rechnung',
      ],
      [
        'Outlook, French',
        'De : Ana Lima <ana@example.com>\nEnvoyé : lundi 6 janvier 2025 09:14\nÀ : Support\nObjet : Facture',
      ],
      [
        'Outlook, bold and wrapped',
        '*From:* Ana Lima [mailto:\nana@example.com]\n*Sent:* Monday, January 6, 2025 9:14 AM',
      ],
      ['Original Message banner', '-----Original Message-----'],
      ['Outlook rule', '________________________________'],
      ['our reply marker', '##- Please type your reply above this line -##'],
      ['sender, verb, date and address, French', 'Ana Lima <ana@example.com> a écrit le 06/01/2025 à 09:14 :'],
      ['Horde', 'Quoting Ana Lima <ana@example.com>:'],
      ['Horde, German', 'Zitat von Ana Lima <ana@example.com>:'],
      ['mobile banner', '-------- Original message --------'],
      ['German banner', '-----Ursprüngliche Nachricht-----'],
    ])('%s', (_client, header) => {
      expect(stripReply(`Done, thanks.\n\n${header}\n\n${history}`, 'text')).toBe('Done, thanks.');
    });

    it('removes "<sender> wrote on <date>:" with no address when a quote follows it', () => {
      const body = `Done, thanks.\n\nAna Lima wrote on Mon, 6 Jan 2025 09:14:\n${quotedHistory}`;

      expect(stripReply(body, 'text')).toBe('Done, thanks.');
    });

    it('returns an empty string for a dashed rule above a header block, nothing typed', () => {
      const header = 'From: Ana Lima <ana@example.com>\nSent: Monday, January 6, 2025 9:14 AM\nTo: Support';

      expect(stripReply(`${'-'.repeat(40)}\n${header}\n\n${history}`, 'text')).toBe('');
      expect(stripReply(`${'-'.repeat(40)}\nOK.\n\n${header}\n\n${history}`, 'text')).toBe('OK.');
    });
  });

  describe('text: removes quotes and signatures', () => {
    it.each([
      ['>-quoted history', 'Done, thanks.\n\n> Can you check?\n> Ana', 'Done, thanks.'],
      ['RFC 3676 signature', 'Done, thanks.\n\n-- \nSusan Miller\nAcme Inc.', 'Done, thanks.'],
      ['bare -- signature', 'Done, thanks.\n--\nSusan Miller', 'Done, thanks.'],
      ['Sent from my iPhone', 'Done, thanks.\n\nSent from my iPhone', 'Done, thanks.'],
      ['Get Outlook for iOS', 'Done.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>', 'Done.'],
      ['Sent from Mail for Windows', 'Done.\n\nSent from Mail for Windows 10', 'Done.'],
      ['Sent from TypeApp', 'Done.\n\nSent from TypeApp<http://www.typeapp.com/r>', 'Done.'],
      ['Envoyé de mon iPhone', 'Merci.\n\nEnvoyé de mon iPhone', 'Merci.'],
      ['a client signature and what follows it', 'Done.\n\nSent from my iPhone\n\nOld text', 'Done.'],
      ['Get Outlook for iOS, Spanish', 'Hecho.\n\nObtener Outlook para iOS<https://aka.ms/o0ukef>', 'Hecho.'],
      ['Outlook for Android, German', 'Danke.\n\nVon Outlook für Android gesendet<https://aka.ms/AAb9ysg>', 'Danke.'],
      ['Outlook download line, German', 'Danke.\n\nOutlook für Android herunterladen<https://aka.ms/ghei36>', 'Danke.'],
      [
        'a link inside the line',
        'Done.\n\nSent from Mail<https://go.microsoft.com/fwlink/?LinkId=550986> for Windows',
        'Done.',
      ],
      ['Samsung, German', 'Danke.\n\nVon meinem/meiner Galaxy gesendet', 'Danke.'],
      [
        'Superhuman with a spaced link',
        'Done.\n\nSent via Superhuman ( https://sprh.mn/?vip=ana@example.com )',
        'Done.',
      ],
      ['Proton, full stop', 'Done.\n\nSent with Proton Mail secure email.', 'Done.'],
      [
        'Yahoo, square-bracketed link',
        'Done.\n\nSent from Yahoo Mail for iPhone [https://overview.mail.yahoo.com/]',
        'Done.',
      ],
      [
        'an antivirus footer',
        'Done.\n\nAna\n\nThis email has been checked for viruses by AVG.\nwww.avg.com',
        'Done.\n\nAna',
      ],
      [
        'an antivirus footer, German',
        'Danke.\n\nDiese E-Mail wurde von Avast Antivirus-Software auf Viren geprüft.',
        'Danke.',
      ],
      ['an Avast badge and its links', 'Done.\n\n<https://www.avast.com/sig-email>\nVirus-free.www.avast.com', 'Done.'],
      [
        'a mailing-list footer and its rule',
        'Done.\n\n#####\n\nTo unsubscribe from the OPS-L list, click the following link:\nhttps://lists.example.org/',
        'Done.',
      ],
      [
        'a Google Groups footer',
        'Done.\n\nYou received this message because you are subscribed to the Google Groups "ops" group.',
        'Done.',
      ],
    ])('%s', (_rule, body, expected) => {
      expect(stripReply(body, 'text')).toBe(expected);
    });

    it('returns an empty string when nothing new was written', () => {
      expect(stripReply('On Mon, Jan 6, 2025 at 9:14 AM Ana wrote:\n> Hello', 'text')).toBe('');
    });
  });

  describe('text: keeps', () => {
    it.each([
      ['a typed sign-off', 'Done, thanks.\n\nRegards,\nSusan'],
      ['a typed signature block', 'Done.\n\nSusan Miller\nHead of Finance, Acme Inc.\n+1 555 0100'],
      ['a line starting with "On"', 'On the billing page the total is wrong.\nPlease check.'],
      ['a command-line flag', 'Run it again with\n--force\nand it works.'],
      ['a line starting with "From"', 'From what I can tell, the export fails.'],
      ['a "wrote:" without date or address', 'Something wrote:\nthe file twice.'],
      ['a "wrote:" in prose', 'In my email of 12 May 2024 I wrote:\nthe export is broken.'],
      ['a "sent:" in prose', 'Here are the files I sent on 3 May 2024:\n- invoice.pdf'],
      ['a "Sent from" sentence', 'Sent from my desk, which is easier than from my phone.'],
      ['a "Sent from" place', 'Sent from Berlin office'],
      ['a table rule', 'Item   Price\n-------------\nPlan   10'],
      ['a single header-like field', 'Date: Monday 3 March\nTime: 10:00'],
      ['a "Sent via" sentence', 'The papers were sent via courier.\nSent via courier on 3 March, tracking 1Z999.'],
      ['the reply marker inside a sentence', 'You wrote "##- Please type your reply above this line -##" above it.'],
      ['a sentence about scanning', 'Our IT says this email has been scanned for viruses.'],
      ['a sentence about unsubscribing', 'To unsubscribe I clicked the link, but the mails keep coming.'],
      ['a "wrote on" sentence', 'My colleague wrote on the form that it was paid on 3 March.'],
    ])('%s', (_case, body) => {
      expect(stripReply(body, 'text')).toBe(body);
    });

    it('keeps the own lines of an inline reply and drops the quoted ones', () => {
      const body = [
        'See my answers below.',
        '',
        'On Mon, Jan 6, 2025 at 9:14 AM Ana Lima <ana@example.com> wrote:',
        '> Can you check the invoice?',
        'It is fixed.',
        '',
        '> And the address?',
        'Updated as well.',
      ].join('\n');

      expect(stripReply(body, 'text')).toBe('See my answers below.\n\nIt is fixed.\n\nUpdated as well.');
    });

    it("keeps the sender's own > lines above the quoted message of a top-posted reply", () => {
      const own = 'Here is the output:\n\n$ helpdesk import \\\n> --dry-run\n>>> client.ping()\nTrue';

      expect(stripReply(`${own}\n\nOn Mon, Jan 6, 2025 at 9:14 AM Ana wrote:\n${quotedHistory}`, 'text')).toBe(own);
      expect(stripReply(`${own}\n\n-----Original Message-----\n${history}`, 'text')).toBe(own);
    });

    it('drops > lines at the start of a bottom-posted reply even with an attribution further down', () => {
      const body = `> Is it fixed?\n\nYes.\n\nAna wrote on Mon, 6 Jan 2025 09:14:\n${quotedHistory}`;

      expect(stripReply(body, 'text')).toBe('Yes.');
    });

    it('keeps a bottom-posted reply', () => {
      const body = 'On Mon, Jan 6, 2025 at 9:14 AM Ana wrote:\n> Can you check?\n\nDone.\nSusan';

      expect(stripReply(body, 'text')).toBe('Done.\nSusan');
    });

    it.each([
      ['Gmail', '---------- Forwarded message ---------'],
      ['Apple Mail', 'Begin forwarded message:'],
    ])('keeps a message forwarded with %s', (_client, marker) => {
      const body = `FYI, see below.\n\n${marker}\nFrom: Ana Lima <ana@example.com>\nDate: Mon, Jan 6, 2025\nSubject: Invoice\n\n${history}`;

      expect(stripReply(body, 'text')).toBe(body);
    });

    it('keeps a forwarded message below a client signature', () => {
      const body = 'FYI\n\nSent from my iPhone\n\nBegin forwarded message:\n\n> From: Ana <ana@example.com>';

      expect(stripReply(body, 'text')).toBe('FYI\n\nBegin forwarded message:\n\n> From: Ana <ana@example.com>');
    });

    it('drops a forwarded message inside quoted history', () => {
      const body =
        'Thanks!\n\n-----Original Message-----\n\n---------- Forwarded message ---------\nFrom: ana@example.com';

      expect(stripReply(body, 'text')).toBe('Thanks!');
    });
  });

  describe('html: removes the structures clients quote with', () => {
    it.each([
      [
        'Gmail quote and signature',
        '<div dir="ltr">Done, thanks.<br clear="all"><span class="gmail_signature_prefix">-- </span><div class="gmail_signature">Susan | Acme</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">El lun, 6 ene 2025, Ana &lt;ana@example.com&gt; escribió:<br></div><blockquote class="gmail_quote">Can you check?</blockquote></div>',
      ],
      [
        'Outlook #divRplyFwdMsg',
        '<div>Done, thanks.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>Von:</b> Ana<br><b>Gesendet:</b> Montag<br></div><div>Can you check?</div>',
      ],
      [
        'Outlook #appendonsend',
        '<div>Done, thanks.</div><div id="appendonsend"></div><div>Anything after it is history</div>',
      ],
      [
        'Outlook border-top header',
        '<p>Done, thanks.</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in"><p><b>Från:</b> Ana</p></div><p>Can you check?</p>',
      ],
      [
        'Apple blockquote type="cite"',
        '<div>Done, thanks.</div><div><br><blockquote type="cite"><div>On 6 Jan 2025, at 09:14, Ana wrote:</div><div>Can you check?</div></blockquote></div>',
      ],
      [
        'Thunderbird cite prefix',
        '<p>Done, thanks.</p><div class="moz-cite-prefix">Ana skrev 2025-01-06:<br></div><blockquote type="cite">Can you check?</blockquote>',
      ],
      [
        'an unmarked blockquote at the end, as talon strips it',
        '<div>Done, thanks.</div><blockquote><div>Can you check?</div></blockquote>',
      ],
      [
        'Yahoo quoted',
        '<div>Done, thanks.</div><div class="yahoo_quoted"><div>On Monday, Ana wrote:</div><div>Can you check?</div></div>',
      ],
    ])('%s', (_client, html) => {
      expect(stripReply(html, 'html')).toBe('Done, thanks.');
    });

    it('keeps the own lines of a Gmail inline reply', () => {
      const html =
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, Jan 6, 2025 at 9:14 AM Ana &lt;ana@example.com&gt; wrote:</div><blockquote class="gmail_quote">Can you check?</blockquote><div>It is fixed.</div><blockquote class="gmail_quote">And the address?</blockquote><div>Updated as well.</div></div>';

      expect(stripReply(html, 'html')).toBe('It is fixed.\n\nUpdated as well.');
    });

    it('keeps text indented with a borderless blockquote', () => {
      const html = '<div>Done.</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px">Step 2</blockquote>';

      expect(stripReply(html, 'html')).toBe('Done.\n\nStep 2');
    });

    it('keeps a Gmail forward', () => {
      const html =
        '<div>FYI</div><div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>From: Ana &lt;ana@example.com&gt;<br></div><div>Can you check?</div></div>';

      expect(stripReply(html, 'html')).toBe(
        'FYI\n---------- Forwarded message ---------\nFrom: Ana <ana@example.com>\n\nCan you check?',
      );
    });

    it('returns an empty string when Outlook marked its history and nothing was typed', () => {
      const html =
        '<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Ana<br><b>Sent:</b> Monday</div><div>Can you check?</div>';

      expect(stripReply(html, 'html')).toBe('');
    });

    it('returns the whole text when stripping would leave nothing, as talon does', () => {
      const html = '<blockquote>Reply<div>On Mon, Jan 6, 2025, Ana wrote:</div></blockquote>';

      expect(stripReply(html, 'html')).toBe('Reply\nOn Mon, Jan 6, 2025, Ana wrote:');
    });
  });

  describe('robustness', () => {
    it.each([
      ['empty text', '', 'text'],
      ['only newlines', '\r\n\r\n\n', 'text'],
      ['lone quote marker', '>', 'text'],
      ['lone surrogate', '\ud800 wrote:', 'text'],
      ['control characters', '\u0000\u0001\u001b[0m', 'text'],
      ['unclosed tags', '<div><blockquote type="cite"><p>unclosed', 'html'],
      ['stray angle brackets', '<<<>>> <a <b <c', 'html'],
      ['markup in text', '<script>alert(1)</script>', 'text'],
      ['not html at all', 'plain words', 'html'],
    ] as const)('does not throw on %s', (_case, body, format) => {
      expect(typeof stripReply(body, format)).toBe('string');
    });

    // Completion within Jest's timeout is the assertion: a backtracking regex would not finish.
    it.each([
      ['200k ">" and spaces', '> '.repeat(200_000), 'text'],
      ['one 1 MB line of ">"', '>'.repeat(500_000) + ' x ' + '<'.repeat(500_000), 'text'],
      ['a 1 MB line of attribution words', 'On 6 Jan 2025 '.repeat(75_000) + 'wrote', 'text'],
      ['1 MB of attribution-like lines', 'On 6 Jan 2025 Ana <\n'.repeat(50_000), 'text'],
      ['1 MB of header-like lines', 'From: a@example.com\n'.repeat(50_000), 'text'],
      ['1 MB of newlines', '\n'.repeat(1_000_000), 'text'],
      ['1 MB of nested divs', '<div>'.repeat(200_000), 'html'],
      ['1 MB of stray "<"', '<a'.repeat(500_000), 'html'],
    ] as const)('returns on %s', (_case, body, format) => {
      expect(typeof stripReply(body, format)).toBe('string');
    });

    it('strips a 1 MB reply thread', () => {
      const quotedLines = Array.from(
        { length: 15_000 },
        (_, index) => `${'>'.repeat(1 + (index % 20))} Lorem ipsum dolor sit amet, consectetur.`,
      );
      const text = ['Done.', '', 'On Mon, Jan 6, 2025 at 9:14 AM Ana wrote:', ...quotedLines];
      const paragraph = '<p style="margin:0">Lorem ipsum dolor sit amet, consectetur.</p>';
      const html = `<div>Done.</div><div class="gmail_quote"><blockquote class="gmail_quote">${paragraph.repeat(15_000)}</blockquote></div>`;

      expect(stripReply(text.join('\n'), 'text')).toBe('Done.');
      expect(stripReply(html, 'html')).toBe('Done.');
    });
  });
});
