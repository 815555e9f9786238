// The workspace config, plus: browser tests and benches (e2e/, bench/) may use tools such as
// the local cloud, as the workspace already allows for test/ and bench/ folders.
import root from '../../eslint.config.mjs';

export default [
  ...root,
  {
    files: ['e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
          ],
        },
      ],
    },
  },
];
