import { limitNesting } from './html-nesting';
import { stripReply } from './strip-reply';

// Inputs that made a backtracking regex or a per-element splice take minutes (issue 14). Each
// must come back with the right answer; the time is logged, never asserted.
const SIZE = 2_000_000;

function timed<T>(name: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

describe('hostile input', () => {
  it.each([
    ['an unclosed tag name of 2M characters', `<p>Done.</p><a${'b'.repeat(SIZE)}`, 'Done.'],
    [
      'a style repeating "border-top:" 180k times',
      `<p>Done.</p><div style="${'border-top:'.repeat(SIZE / 11)}solid"><b>From:</b> Ana</div><p>Old</p>`,
      'Done.',
    ],
    [
      '55k signatures to detach from one parent',
      `<div>Done.</div>${'<div class="gmail_signature">Ana</div>'.repeat(SIZE / 38)}`,
      'Done.',
    ],
    [
      '55k attributions to detach from one parent',
      `<div>Done.</div>${'<div class="gmail_attr">On Mon, Ana wrote:</div>'.repeat(SIZE / 48)}`,
      'Done.',
    ],
    [
      '200 bordered divs around 2M characters of text',
      `<p>Done.</p>${'<div style="border-top:solid">'.repeat(200)}${'x'.repeat(SIZE)}`,
      `Done.\n\n${'x'.repeat(SIZE)}`,
    ],
  ])('html: %s', (name, html, expected) => {
    expect(timed(name, () => stripReply(html, 'html'))).toBe(expected);
  });

  it.each([
    ['2k lines of dashes before an "On"', `${'- '.repeat(495)}x On 1 2`],
    ['2k wrapped attribution starts', `On 6 Jan 2025${' a'.repeat(490)}`],
    ['2k numeric dates before 980 "<"', `2011/4/7 ${'<'.repeat(980)}a@b>`],
    ['2k lines of 999 dashes and a letter', `${'-'.repeat(999)}x`],
    ['2k client-signature starts full of link-like tokens', `Sent from my ${'<a.b>'.repeat(160)}`],
    ['2k footer-like claims that never name a virus', `This email has been scanned${' by a robot'.repeat(80)}`],
  ])('text: keeps %s', (name, line) => {
    const body = Array.from({ length: SIZE / (line.length + 1) }, () => line).join('\n');

    expect(timed(name, () => stripReply(body, 'text'))).toBe(body);
  });

  it('text: drops 500k quoted lines below own text when no attribution follows', () => {
    const body = `Done.\n${'> x\n'.repeat(SIZE / 4)}`;

    expect(timed('quoted lines', () => stripReply(body, 'text'))).toBe('Done.');
  });

  it('text: drops 2M characters of one quoted line', () => {
    const body = `Done.\n\n>${' '.repeat(SIZE)}y`;

    expect(timed('quoted line', () => stripReply(body, 'text'))).toBe('Done.');
  });

  it('cuts markup nested deeper than mail clients go, after an unclosed 2M-character tag', () => {
    const unclosed = `<a${'b'.repeat(SIZE)}`;
    const deep = '<div>'.repeat(300);

    expect(timed('unclosed tag', () => limitNesting(unclosed))).toBe(unclosed);
    expect(limitNesting(`${unclosed}${deep}`)).toBe(`${unclosed}${'<div>'.repeat(200)}`);
  });
});
