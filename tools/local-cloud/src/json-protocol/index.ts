export {
  readJsonCall,
  isJsonCall,
  jsonResult,
  requiredString,
  epochSeconds,
} from './json-protocol';
export type { JsonCall } from './json-protocol';
