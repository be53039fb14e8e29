/**
 * Four projects: unit (pure logic, beside the code), int (real PostgreSQL/RabbitMQ), e2e (every
 * service running), faults (every service running while its broker, database, S3, SMTP or processes fail).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

const libAliases = {
  '^@helpdesk/(contracts|messaging|outbox|database|config|mail|storage|testing)$': '<rootDir>/libs/$1/src',
  '^@helpdesk/testing/(builders|reply-corpus)$': '<rootDir>/libs/testing/src/$1',
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: libAliases,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', ['<rootDir>/{libs,services}/**/src/**/*.spec.ts']),
    project('int', ['<rootDir>/services/*/test/**/*.int-spec.ts'], {
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/long-timeouts.ts', '<rootDir>/libs/testing/src/signing-key.ts'],
    }),
    project('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], {
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/long-timeouts.ts', '<rootDir>/libs/testing/src/signing-key.ts'],
    }),
    // Cuts links, kills processes and slows the broker: run alone, after the other suites.
    project('faults', ['<rootDir>/test/faults/**/*.faults-spec.ts'], {
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/long-timeouts.ts', '<rootDir>/libs/testing/src/signing-key.ts'],
    }),
  ],
};
