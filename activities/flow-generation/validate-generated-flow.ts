/** Checks a model answer the way a saved flow is checked, and says what is wrong in words the model can act on. */
import type { z } from 'zod';
import { validateFlowGraph } from '../../workflows/engine/validation/validate-flow-graph';
import type { GeneratedFlowCheck } from '../../workflows/generate-flow-definitions';
import { compactGraphSchema } from './compact-graph-schema';
import { dropNullFields } from './strict-json-schema';
import { CompactGraphError, convertToDrawflow } from './to-drawflow-document';

/** Most problems sent back in one repair turn: enough to fix, short enough to read. */
const MAX_PROBLEMS = 30;

/**
 * Parses an answer (JSON text), checks it against the compact graph schema, builds its Drawflow
 * JSON and runs the engine's validator (every problem counts, unreachable nodes included). Only an
 * answer with no problem at all is valid.
 */
export function validateGeneratedFlow(answer: string): GeneratedFlowCheck {
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch (error) {
    return invalid([`The answer is not valid JSON (${(error as Error).message}).`]);
  }
  const parsed = compactGraphSchema.safeParse(dropNullFields(json));
  if (!parsed.success) return invalid(parsed.error.issues.map((issue) => describeIssue(issue, json)));
  const graph = parsed.data;
  let conversion;
  try {
    conversion = convertToDrawflow(graph);
  } catch (error) {
    if (error instanceof CompactGraphError) return invalid(error.problems);
    throw error;
  }
  const drawflowData = conversion.document;
  const problems = validateFlowGraph(drawflowData);
  if (problems.length > 0) {
    // The validator names Drawflow ids; the model knows its own ids.
    const compactIds = new Map([...conversion.drawflowIds].map(([compactId, id]) => [String(id), compactId]));
    return invalid(problems.map((problem) => nameCompactIds(problem.message, compactIds)));
  }
  return {
    valid: true,
    flow: {
      name: graph.name,
      description: graph.description,
      drawflowData,
      nodeCount: graph.nodes.length,
    },
  };
}

function invalid(problems: string[]): GeneratedFlowCheck {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`…and ${problems.length - MAX_PROBLEMS} more problems.`);
  return { valid: false, problems: shown };
}

/** `Node "menu" (buttons), buttons[0].title: …` for node data, the plain path otherwise. */
function describeIssue(issue: z.core.$ZodIssue, answer: unknown): string {
  const [top, index, field, ...rest] = issue.path;
  const node =
    top === 'nodes' && typeof index === 'number'
      ? (answer as { nodes?: unknown[] }).nodes?.[index]
      : undefined;
  if (node && typeof node === 'object' && field === 'data') {
    const { id, type } = node as { id?: unknown; type?: unknown };
    return `Node ${JSON.stringify(id)} (${String(type)}), ${formatPath(rest) || 'data'}: ${issue.message}`;
  }
  return `${formatPath(issue.path) || 'answer'}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

function nameCompactIds(message: string, compactIds: ReadonlyMap<string, string>): string {
  return message.replace(/\b(Node|node) (\d+)\b/g, (text, word: string, id: string) => {
    const compactId = compactIds.get(id);
    return compactId === undefined ? text : `${word} "${compactId}"`;
  });
}
