module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'image-flip',
  rootDir: __dirname,
};
