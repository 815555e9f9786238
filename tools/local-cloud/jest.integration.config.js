// `test-integration`: the tests that start emulators or the whole local cloud. One started cloud
// per file; files run one at a time (`--runInBand` in project.json) so two JVMs and dozens of
// workers never compete for the machine's two cores.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-cloud:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.integration.test.ts'],
};
