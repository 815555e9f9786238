module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-booking',
  rootDir: __dirname,
};
