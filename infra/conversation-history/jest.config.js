module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-conversation-history',
  rootDir: __dirname,
};
