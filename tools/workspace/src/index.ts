export { reportBench, benchResultsDir, COMBINED_REPORT_ENV, round } from './bench-report';
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
export { aslToMermaid } from './diagrams/asl-to-mermaid';
export type { AslChoiceRule, AslDefinition, AslState } from './diagrams/asl-to-mermaid';
export {
  definitionFromTemplate,
  diagramIn,
  withDiagram,
  workflowDiagram,
  writeWorkflowDiagram,
} from './diagrams/readme-diagram';
export { definitionSuite } from './definition-suite';
export type { DefinitionSuiteOptions } from './definition-suite';
