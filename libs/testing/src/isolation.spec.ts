import { requireTestDatabaseName, testDatabaseName, testDatabaseUrl } from './isolation';

describe('test database names', () => {
  it('folds a spec name into a test database name of its own', () => {
    const name = testDatabaseName('Mail-Ingress delivery');
    expect(name).toMatch(/^helpdesk_test_mail_ingress_delivery_[0-9a-f]{8}$/);
    expect(testDatabaseName('Mail-Ingress delivery')).not.toBe(name);
    expect(() => requireTestDatabaseName(name)).not.toThrow();
  });

  it.each([
    ['a database that does not say it is a test one', 'helpdesk'],
    ['the maintenance database', 'postgres'],
    ['a name that only mentions test', 'production_test_copy'],
    ['a name that would break out of its quotes', 'helpdesk_test_x"; DROP DATABASE helpdesk; --'],
    ['a name PostgreSQL would cut short', `helpdesk_test_${'x'.repeat(50)}`],
  ])('refuses %s', (_case, name) => {
    expect(() => requireTestDatabaseName(name)).toThrow(/Refusing to create or drop database/);
    expect(() => testDatabaseUrl(name)).toThrow(/Refusing/);
  });

  it('refuses a spec name too long to stay one database', () => {
    expect(() => testDatabaseUrl(testDatabaseName('a spec name far too long for a postgres identifier'))).toThrow(
      /at most 63 characters/,
    );
  });

  it('points the url at the test database on the test server', () => {
    const url = new URL(testDatabaseUrl('helpdesk_test_directory_0a1b2c3d'));
    expect(url.pathname).toBe('/helpdesk_test_directory_0a1b2c3d');
    expect(url.protocol).toBe('postgres:');
  });
});
