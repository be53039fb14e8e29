import { plainText } from './reply-text';

describe(plainText.name, () => {
  it('removes trailing spaces, tabs and no-break spaces from every line', () => {
    expect(plainText('Done. \t\u00a0\nThanks  \n\n\n\nAna', 100)).toBe('Done.\nThanks\n\nAna');
  });

  it.each([
    ['a line of 2M spaces and then a letter', `${' '.repeat(2_000_000)}y`, 'y'],
    ['a letter and then 2M spaces', `x${' \t'.repeat(1_000_000)}`, 'x'],
  ])('returns on %s', (name, text, expected) => {
    const started = performance.now();

    expect(plainText(text, 100)).toBe(expected);
    console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  });
});
