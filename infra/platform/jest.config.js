module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-platform',
  rootDir: __dirname,
};
