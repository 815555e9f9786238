module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'lambda-kit',
  rootDir: __dirname,
};
