// Powertools reads its configuration when the handler module loads, as Lambda sets it from the
// ServiceFunction construct. Quiet logs keep test output readable; tests spy on what they check.
process.env.POWERTOOLS_SERVICE_NAME = 'lex-fulfilment';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'BookTrip';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.AWS_REGION = 'us-east-1';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
