// Loading the synthesized stacks into what the emulators run, and (next) starting them all.
export { loadLocalResources, UnsupportedTemplateError } from './load-resources';
export type { IgnoredResource, LoadedResources, StackOutputs } from './load-resources';
export { EMULATED_TYPES, IGNORED_TYPES, fateOf } from './resource-catalog';
export { startLocalCloud } from './start-local-cloud';
export type { LocalCloud, LocalCloudOptions } from './start-local-cloud';
export type { LocalCloudOutputs } from './outputs';
export { localizeUrls } from './localize-urls';
export {
  checkSystemRequirements,
  MissingSystemPackageError,
  missingRequirements,
  requirementsFor,
} from './system-requirements';
export type { SystemRequirement } from './system-requirements';
export type { StatusSources } from './status-page';
