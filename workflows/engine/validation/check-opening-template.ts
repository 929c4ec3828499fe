import { getNodeDefinition } from '../catalogue';
import type { FlowNodeOf } from '../model/flow-graph';
import type { NodeType } from '../node-runtimes';
import type { OpeningRole } from '../node-definition';
import type { CheckedNode } from './check-nodes';
import { describe } from './check-connections';
import type { FlowProblem } from './flow-problem';

/**
 * Business-initiated runs (outbound, lead) start with the window closed, so along every path from
 * start the first message must be a template. Walks until a template or a wait for the customer;
 * reports each node that would send a session message first.
 */
export function checkOpeningTemplate(
  startKey: string,
  nodes: ReadonlyMap<string, CheckedNode>,
  next: ReadonlyMap<string, (string | null)[]>,
  problems: FlowProblem[],
): void {
  const seen = new Set([startKey]);
  const queue = [startKey];
  for (let head = 0; head < queue.length; head++) {
    const node = nodes.get(queue[head]);
    if (!node) continue;
    const role = openingRoleOf(node);
    if (role === 'session_message') {
      problems.push({
        code: 'opening_template_required',
        path: `nodes.${node.key}`,
        nodeId: node.key,
        message: `Flows started by an outbound trigger or a lead must open with an approved template (the customer's 24-hour window is closed), but ${describe(node)} can send a message before any template. Put a template node first.`,
      });
      continue;
    }
    if (role !== 'passes') continue;
    for (const target of next.get(node.key) ?? []) {
      if (target !== null && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
}

function openingRoleOf(checked: CheckedNode): OpeningRole {
  return checked.node ? roleOf(checked.node) : 'passes';
}

function roleOf<T extends NodeType>(node: FlowNodeOf<T>): OpeningRole {
  return getNodeDefinition(node.type).openingRole(node.data);
}
