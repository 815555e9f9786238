export {
  readJsonCall,
  isJsonCall,
  dispatchJsonCall,
  isDispatched,
  missingAuthentication,
  jsonResult,
  requiredString,
  epochSeconds,
} from './json-protocol';
export type { JsonCall } from './json-protocol';
