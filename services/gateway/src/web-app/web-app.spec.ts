import { webAppFileOf } from './web-app';

describe(webAppFileOf.name, () => {
  const root = '/srv/web';

  it.each([
    ['/assets/index-abc.js', 'assets/index-abc.js'],
    ['/favicon.svg', 'favicon.svg'],
    ['/assets/a%20b.css', 'assets/a b.css'],
    ['//favicon.svg', 'favicon.svg'],
  ])('maps %s to %s inside the root', (path, file) => {
    expect(webAppFileOf(root, path)).toBe(file);
  });

  it.each([
    ['the root itself', '/'],
    ['a way out', '/../etc/passwd'],
    ['an encoded way out', '/..%2f..%2fetc%2fpasswd'],
    ['a sibling folder', '/../web-other/index.html'],
    ['a broken escape', '/%E0%A4%A'],
    ['a NUL byte', '/index.html%00.js'],
  ])('refuses %s', (_, path) => {
    expect(webAppFileOf(root, path)).toBeNull();
  });
});
