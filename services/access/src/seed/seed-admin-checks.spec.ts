import { seedAdminProblems } from './seed-admin-checks';

describe(seedAdminProblems.name, () => {
  it('accepts an address and a password of your own', () => {
    expect(seedAdminProblems('it@acme.example', 'correct horse battery')).toEqual([]);
  });

  it.each([
    ['the development address', 'admin@example.com', 'correct horse battery', ['SEED_ADMIN_EMAIL']],
    ['the development address in capitals', ' Admin@Example.COM ', 'correct horse battery', ['SEED_ADMIN_EMAIL']],
    ['the development password', 'it@acme.example', 'admin-password', ['SEED_ADMIN_PASSWORD']],
    ['no password', 'it@acme.example', '', ['SEED_ADMIN_PASSWORD']],
    ['a short password', 'it@acme.example', 'short', ['SEED_ADMIN_PASSWORD']],
    ['the defaults', 'admin@example.com', '', ['SEED_ADMIN_EMAIL', 'SEED_ADMIN_PASSWORD']],
  ])('refuses %s, naming the variable to set', (_, email, password, variables) => {
    const problems = seedAdminProblems(email, password);
    expect(problems.map((found) => found.variable)).toEqual(variables);
    expect(problems.every((found) => found.problem.includes('in production'))).toBe(true);
  });
});
