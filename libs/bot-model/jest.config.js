module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'bot-model',
  rootDir: __dirname,
};
