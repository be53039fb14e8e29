// Type-aware lint for the backend (services, libs, bench, test) and the web app.
// The boundary rules keep the shape the architecture promises: services talk only through the
// broker, so no service imports another, and bench/ and test/ reach the system only through its
// public contracts and libs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = [
  'access',
  'attachments',
  'gateway',
  'mail-ingress',
  'notifications',
  'scheduler',
  'tickets',
  'web',
  'webhooks',
];

const noRelativeEscape = (pattern, message) => ({ group: [pattern], message });

/** A service file may not reach into any other service's folder. */
const serviceBoundary = (service) => ({
  files: [`services/${service}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...SERVICES.filter((other) => other !== service).map((other) =>
            noRelativeEscape(
              `**/services/${other}/**`,
              `services talk through RabbitMQ: ${service} may not import ${other}`,
            ),
          ),
          ...SERVICES.filter((other) => other !== service).map((other) =>
            noRelativeEscape(`../../${other}/**`, `services talk through RabbitMQ: ${service} may not import ${other}`),
          ),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'services/web/vite.config.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      // Nest's decorators and class-validator need classes that only declare; empty ones are deliberate.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-control-regex': 'off',
    },
  },
  ...SERVICES.map(serviceBoundary),
  {
    files: ['bench/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noRelativeEscape(
              '**/services/*/src/**',
              'bench/ and test/ use @helpdesk/* contracts and libs, not service internals',
            ),
          ],
        },
      ],
    },
  },
  {
    // Test and bench code reads JSON from HTTP and rows from pg; `any` itself stays forbidden.
    files: ['bench/**/*.ts', 'test/**/*.ts', 'services/*/{test,bench}/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noRelativeEscape('**/services/**', 'libs are below the services and may not import them')] },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
);
