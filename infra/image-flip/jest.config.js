// Powertools reads these when lambda-kit is first imported (the workflow test runs the real
// handlers); expected failures would otherwise fill the output with logs.
process.env.POWERTOOLS_SERVICE_NAME ??= 'image-flip';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'BookTrip';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'infra-image-flip',
  rootDir: __dirname,
};
