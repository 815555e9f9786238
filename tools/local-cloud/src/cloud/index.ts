// Loading the synthesized stacks into what the emulators run, and (next) starting them all.
export { loadLocalResources, UnsupportedTemplateError } from './load-resources';
export type { IgnoredResource, LoadedResources, StackOutputs } from './load-resources';
export { EMULATED_TYPES, IGNORED_TYPES, fateOf } from './resource-catalog';
