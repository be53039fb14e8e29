// Integration and e2e specs start and stop real servers: their tests and hooks get two minutes
// (Jest ignores `testTimeout` set per project, so the projects load this file instead).
jest.setTimeout(120_000);
