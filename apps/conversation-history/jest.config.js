module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'conversation-history',
  rootDir: __dirname,
  setupFiles: ['<rootDir>/test/support/quiet-logs.js'],
};
