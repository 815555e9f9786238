// Handlers log every record; tests assert behaviour, not log lines. Set
// POWERTOOLS_LOG_LEVEL=DEBUG when you want to read them.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
