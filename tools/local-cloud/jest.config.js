// `test`: unit tests only. Tests that start emulators (DynamoDB Local, workers, the whole local
// cloud) are `*.integration.test.ts` and run under `test-integration` (jest.integration.config.js).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'local-cloud',
  rootDir: __dirname,
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '\\.integration\\.test\\.ts$'],
};
