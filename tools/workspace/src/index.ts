export { reportBench, benchResultsDir, round } from './bench-report';
export type { BenchRow } from './bench-report';
export { affectedProjects, projectGraph, withDependents } from './project-graph';
export type { ProjectGraph } from './project-graph';
export {
  envNames,
  handWrittenFacts,
  isDefinitionOrTest,
  PLATFORM_ENV,
  ruleTargetsWithoutDelivery,
  sharedFacts,
  undeclaredNames,
} from './definition-checks';
export type { DefinitionFacts, HandWrittenFact } from './definition-checks';
