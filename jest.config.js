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
  // A worker told to end removes its IPC listener and exits when its loop is empty; measured with
  // handles logged at that moment, only its IPC and stdio pipes were left and it exited within 1–10
  // ms, yet a parent busy with a loaded machine (2 cores, eight services per spec) noticed after
  // 0.8–0.9 s and reported a worker that "failed to exit gracefully" past the default 500 ms.
  // A real leaked handle still keeps a worker past these 5 s and is reported.
  workerGracefulExitTimeout: 5_000,
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
