// The `local-cloud` command: `runCli(argv)` starts the local cloud (synthesizing the local
// stage first) or pokes at a running one (invoke, events put, executions).
export { runCli } from './main';
export { formatFunctionLog } from './format-function-log';
