export { JsonStateFile } from './json-state-file';
