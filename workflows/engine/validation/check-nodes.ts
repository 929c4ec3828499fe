import { getNodeDefinition, isNodeType } from '../catalogue';
import { drawflowNodeSchema, type DrawflowNode } from '../model/drawflow-schema';
import type { FlowNode, FlowNodeOf } from '../model/flow-graph';
import { getNodeRuntime, type NodeType } from '../node-runtimes';
import { readableZodErrors } from './describe-zod-issue';
import { formatPath, type FlowProblem } from './flow-problem';

/** A node after its own checks. `node` and `outputCount` are set only when type and data hold. */
export interface CheckedNode {
  key: string;
  raw: DrawflowNode;
  /** The runnable node (its `next` is filled by the connection checks). */
  node?: FlowNode;
  /** How many outputs the node's data gives it. */
  outputCount?: number;
}

/** Checks one node's shape, id, type and data; pushes problems and returns what holds. */
export function checkNode(key: string, value: unknown, problems: FlowProblem[]): CheckedNode | null {
  const base = `nodes.${key}`;
  const shape = drawflowNodeSchema.safeParse(value, { error: readableZodErrors });
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      problems.push({
        code: 'invalid_node',
        path: issue.path.length ? `${base}.${formatPath(issue.path)}` : base,
        nodeId: key,
        message: `Node ${key} is not a valid Drawflow node: ${formatPath(issue.path) || 'node'}: ${issue.message}`,
      });
    }
    return null;
  }
  const raw = shape.data;
  const checked: CheckedNode = { key, raw };
  if (String(raw.id) !== key) {
    problems.push({
      code: 'node_id_mismatch',
      path: `${base}.id`,
      nodeId: key,
      message: `Node ${key} says its id is ${JSON.stringify(raw.id)}; the id must equal the key it is stored under.`,
    });
  }
  if (!isNodeType(raw.name)) {
    problems.push({
      code: 'unknown_type',
      path: `${base}.name`,
      nodeId: key,
      message: `Node ${key} has the unknown type "${raw.name}".`,
    });
    return checked;
  }
  checkNodeData(checked, raw.name, problems);
  return checked;
}

function checkNodeData<T extends NodeType>(checked: CheckedNode, type: T, problems: FlowProblem[]): void {
  const definition = getNodeDefinition(type);
  const label = `Node ${checked.key} (${type})`;
  const parsed = definition.dataSchema.safeParse(checked.raw.data ?? {}, { error: readableZodErrors });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formatPath(issue.path);
      problems.push({
        code: 'invalid_data',
        path: `nodes.${checked.key}.data${field ? `.${field}`.replace('.[', '[') : ''}`,
        nodeId: checked.key,
        message: `${label}, ${field || 'data'}: ${issue.message}`,
      });
    }
    return;
  }
  const extra = definition.validate?.(parsed.data) ?? [];
  for (const problem of extra) {
    const field = formatPath(problem.path);
    problems.push({
      code: 'invalid_data',
      path: `nodes.${checked.key}.data${field ? `.${field}`.replace('.[', '[') : ''}`,
      nodeId: checked.key,
      message: `${label}, ${field || 'data'}: ${problem.message}`,
    });
  }
  if (extra.length === 0) {
    const node: FlowNodeOf<T> = { id: checked.key, type, data: parsed.data, next: [] };
    // TypeScript cannot see that FlowNodeOf<T> for a generic T is a member of the FlowNode union.
    checked.node = node as FlowNode;
    checked.outputCount = getNodeRuntime(type).ports(parsed.data).length;
  }
}
