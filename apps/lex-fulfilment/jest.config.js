module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'lex-fulfilment',
  rootDir: __dirname,
  setupFiles: ['<rootDir>/test/powertools-env.js'],
};
