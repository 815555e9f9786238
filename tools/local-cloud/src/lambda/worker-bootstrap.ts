/**
 * The JavaScript every function worker runs (`new Worker(source, { eval: true })`), playing
 * the part of Lambda's Node.js runtime interface client: load the handler module once (the
 * init phase), then run one invocation at a time, posting each result back.
 *
 * It is plain JavaScript kept in a string so the worker needs no TypeScript loader, whether the
 * local cloud runs under Jest, tsx or compiled.
 *
 * Messages in:  { type: 'invoke', requestId, event, deadline, invokedFunctionArn, traceId, clientContext }
 * Messages out: { type: 'ready', initMs } | { type: 'initError', error } | { type: 'log', stream, text }
 *               | { type: 'result', requestId, payload } | { type: 'error', requestId, error }
 */
export const WORKER_BOOTSTRAP_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const util = require('node:util');
const { pathToFileURL } = require('node:url');

const { taskRoot, handler: handlerString, functionName, memoryMb, logFormat } = workerData;
if ((process.env.NODE_OPTIONS || '').includes('--enable-source-maps')) {
  process.setSourceMapsEnabled(true);
}

// Output goes to the parent on the same port as results, so it arrives in order with them:
// every line of an invocation is in before its END line, and can be returned as its log tail.
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]]) {
  stream.write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    parentPort.postMessage({ type: 'log', stream: name, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

let currentRequestId;
// Lambda's runtime prefixes console output with time, request id and level (or writes JSON
// when the function's LoggingConfig says so). Libraries that write to process.stdout directly,
// such as Powertools' logger, are left alone, as in Lambda.
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[method] = (...args) => {
    const timestamp = new Date().toISOString();
    const message = util.format(...args);
    const line = logFormat === 'JSON'
      ? JSON.stringify({ timestamp, level, requestId: currentRequestId, message })
      : timestamp + '\t' + (currentRequestId || 'undefined') + '\t' + level + '\t' + message.replace(/\n/g, '\r');
    stream.write(line + '\n');
  };
}

function errorObject(error, fallbackType) {
  if (error instanceof Error) {
    return {
      errorType: error.name && error.name !== 'Error' ? error.name : (error.constructor && error.constructor.name) || fallbackType,
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n'),
    };
  }
  return { errorType: fallbackType, errorMessage: typeof error === 'string' ? error : JSON.stringify(error) ?? String(error), trace: [] };
}

async function loadHandler() {
  const dot = handlerString.lastIndexOf('.');
  if (dot <= 0) {
    throw Object.assign(new Error('Bad handler ' + handlerString + ': expected <module>.<export>'), { name: 'Runtime.MalformedHandlerName' });
  }
  const modulePath = path.resolve(taskRoot, handlerString.slice(0, dot));
  const exportPath = handlerString.slice(dot + 1).split('.');
  const file = ['.js', '.mjs', '.cjs'].map((ext) => modulePath + ext).find((candidate) => fs.existsSync(candidate));
  if (!file) {
    throw Object.assign(new Error("Cannot find module '" + path.relative(taskRoot, modulePath) + "'"), { name: 'Runtime.ImportModuleError' });
  }
  let loaded;
  try {
    loaded = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : createRequire(file)(file);
  } catch (error) {
    // Named as Lambda names init failures: a missing module, a syntax error, or the thrown error.
    if (error && error.code === 'MODULE_NOT_FOUND') throw Object.assign(error, { name: 'Runtime.ImportModuleError' });
    if (error instanceof SyntaxError) throw Object.assign(error, { name: 'Runtime.UserCodeSyntaxError' });
    throw error;
  }
  let target = loaded;
  for (const key of exportPath) target = target == null ? undefined : target[key];
  if (typeof target !== 'function') {
    throw Object.assign(new Error(handlerString + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
  }
  return target;
}

function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error ?? new Error('handled'));
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((result) => callback(null, result), (error) => callback(error ?? new Error('Promise rejected')));
      } else if (handler.length < 3) {
        callback(null, returned);
      }
    } catch (error) {
      callback(error);
    }
  });
}

(async () => {
  const started = performance.now();
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    parentPort.postMessage({ type: 'initError', error: errorObject(error, 'Runtime.ImportModuleError') });
    return;
  }
  parentPort.postMessage({ type: 'ready', initMs: performance.now() - started });
  parentPort.on('message', async (message) => {
    if (message.type !== 'invoke') return;
    const { requestId, event, deadline, invokedFunctionArn, traceId, clientContext } = message;
    currentRequestId = requestId;
    if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn,
      memoryLimitInMB: String(memoryMb),
      awsRequestId: requestId,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      identity: undefined,
      clientContext,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    try {
      const result = await runHandler(handler, event, context);
      let payload;
      try {
        payload = result === undefined ? 'null' : JSON.stringify(result);
      } catch (error) {
        parentPort.postMessage({ type: 'error', requestId, error: errorObject(error, 'Runtime.SerializationError') });
        return;
      }
      parentPort.postMessage({ type: 'result', requestId, payload });
    } catch (error) {
      const shaped = errorObject(error, 'Error');
      console.error('Invoke Error', JSON.stringify(shaped));
      parentPort.postMessage({ type: 'error', requestId, error: shaped });
    } finally {
      currentRequestId = undefined;
    }
  });
})();
`;
