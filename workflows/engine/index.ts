/**
 * The flow engine: everything in `./runtime` (the interpreter the workflows run) plus what only the
 * API, activities, the AI generator and tests need — the node catalogue with its zod schemas, the
 * Drawflow schemas and the validator. Workflow code imports `./runtime` instead, to keep zod out of
 * the workflow bundle.
 */
export * from './runtime';
export {
  nodeCatalogue,
  nodeTypes,
  getNodeDefinition,
  type NodeCatalogue,
  type CatalogueFor,
} from './catalogue';
export type { NodeDefinition, DataProblem, OpeningRole, WindowState } from './node-definition';
export {
  validateFlowGraph,
  analyseFlowGraph,
  compileFlow,
  problemsBlockingRun,
  type CompiledFlow,
  type ValidateFlowGraphOptions,
  type FlowGraphAnalysis,
} from './validation/validate-flow-graph';
