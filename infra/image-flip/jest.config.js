module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-image-flip',
  rootDir: __dirname,
};
