import type { z } from 'zod';

/** What kind of problem a validator finding is; stable, so tests and the UI can rely on it. */
export type FlowProblemCode =
  | 'invalid_document'
  | 'invalid_node'
  | 'node_id_mismatch'
  | 'unknown_type'
  | 'invalid_data'
  | 'unknown_port'
  | 'dangling_connection'
  | 'asymmetric_connection'
  | 'output_out_of_range'
  | 'output_has_several_connections'
  | 'start_has_incoming'
  | 'no_start'
  | 'several_starts'
  | 'unreachable_node'
  | 'opening_template_required'
  | 'loop_without_wait';

/** One problem in a flow graph, for a person to fix. */
export interface FlowProblem {
  code: FlowProblemCode;
  /** Where: `nodes.3.data.buttons[1].title`, `nodes.3.outputs.output_2.connections[0]`, `drawflow.Home.data`. */
  path: string;
  nodeId?: string;
  message: string;
}

/**
 * Problems that make a graph unrunnable. The rest (unreachable nodes, the opening-template rule,
 * loops without a wait) are reported by the validator but do not stop `parseFlowGraph`: flows stored
 * before a rule existed keep running, and the interpreter bounds each turn (turn-limits.ts).
 */
export const BLOCKING_PROBLEMS: ReadonlySet<FlowProblemCode> = new Set<FlowProblemCode>([
  'invalid_document',
  'invalid_node',
  'node_id_mismatch',
  'unknown_type',
  'invalid_data',
  'unknown_port',
  'dangling_connection',
  'asymmetric_connection',
  'output_out_of_range',
  'output_has_several_connections',
  'start_has_incoming',
  'no_start',
  'several_starts',
]);

/** Formats a path like `['buttons', 1, 'title']` as `buttons[1].title`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/**
 * Plain-language messages for the zod issues our schemas do not word themselves (their own
 * `.max(…, 'message')` texts win over this map).
 */
export const readableZodErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined) return 'This field is required.';
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    case 'too_small':
      return issue.origin === 'array'
        ? `Needs at least ${issue.minimum} item(s).`
        : `Must be at least ${issue.minimum}.`;
    case 'too_big':
      return issue.origin === 'array'
        ? `Can have at most ${issue.maximum} item(s).`
        : `Must be at most ${issue.maximum}.`;
    default:
      return undefined;
  }
};
