// Powertools reads these when lambda-kit is first imported; in Lambda the stack sets them.
process.env.POWERTOOLS_SERVICE_NAME ??= 'booking';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'BookTrip';
// Expected rejections would otherwise fill the test output with error logs.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'booking',
  rootDir: __dirname,
};
