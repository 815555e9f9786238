module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-chat-web',
  rootDir: __dirname,
};
