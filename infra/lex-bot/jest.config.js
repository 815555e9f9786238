module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-lex-bot',
  rootDir: __dirname,
};
