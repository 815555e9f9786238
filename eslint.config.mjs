// One ESLint flat config for the workspace. Module boundaries follow ARCHITECTURE.md:
// apps import libs; infra imports libs and, of an app, only its definition
// (`@booktrip/<app>/definition`, see README "Definitions"); libs import only libs; tools may use
// anything but apps. A service's projects share a `scope:<service>` tag and import only their
// own scope and `scope:shared`.
import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const services = ['booking', 'conversation-history', 'image-flip', 'lex-bot', 'platform'];
const apps = ['booking', 'conversation-history', 'image-flip', 'lex-fulfilment'];

/** Each service's projects may use their own scope and the shared one (tests also tools'). */
const scopeConstraints = (extra = []) => [
  ...services.map((service) => ({
    sourceTag: `scope:${service}`,
    onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared', ...extra],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', ...extra] },
];

/** Infra may import an app only through its definition entry: data, no handler code. */
const appsOnlyThroughDefinitions = {
  patterns: [
    {
      regex: `^@booktrip/(${apps.join('|')})(/(?!definition$).*)?$`,
      message:
        'infra imports only `@booktrip/<app>/definition` of an app: handlers are bundled from their entry files.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/cdk.out/**',
      '**/coverage/**',
      '**/.nx/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:lib', 'type:infra', 'type:tool', 'type:app'],
            },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
            ...scopeConstraints(),
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Tests, benchmarks and dev scripts may use dev tools (emulators, the bench reporter, the
    // diagram writer); production code may not.
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/bench/**/*.ts', '**/scripts/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:lib', 'type:infra', 'type:tool', 'type:app'],
            },
            // The workspace's acceptance tests synthesize every stack and read every definition.
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:lib', 'type:tool', 'type:app', 'type:infra'],
            },
            ...scopeConstraints(['scope:local-cloud', 'scope:workspace']),
          ],
        },
      ],
    },
  },
  {
    files: ['infra/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', appsOnlyThroughDefinitions] },
  },
  {
    // A definition is data both sides import: the stack must not pull in handler code or SDK
    // clients, and the handler must not pull in the CDK.
    files: ['apps/*/src/definition.ts', 'libs/lambda-kit/src/definition.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'aws-cdk-lib',
                'aws-cdk-lib/*',
                'constructs',
                '@aws-sdk/*',
                '@aws-lambda-powertools/*',
                '@middy/*',
              ],
              message: 'A definition is plain data: no CDK, no SDK clients, no Powertools.',
            },
            {
              group: ['@booktrip/lambda-kit'],
              allowTypeImports: true,
              message: 'Import @booktrip/lambda-kit/definition: the kit itself loads Powertools.',
            },
            {
              group: ['./handlers/*', './runtime'],
              message: 'A definition holds no handler code.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
