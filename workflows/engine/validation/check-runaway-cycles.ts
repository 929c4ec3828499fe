import { getNodeDefinition } from '../catalogue';
import type { WindowState } from '../node-definition';
import type { FlowNodeOf } from '../model/flow-graph';
import { portIndexOf } from '../model/drawflow-document';
import { getNodeRuntime, type NodeType } from '../node-runtimes';
import { describe, type CheckedNode } from './check-connections';
import type { FlowProblem } from './flow-problem';

/** One connection a run can follow without waiting: `from`'s output `port` (its name) leads to `to`. */
interface Step {
  to: string;
  port: string;
}

const ADVICE: Record<WindowState, string> = {
  open: 'Put a node that waits (question, buttons, list, delay or handoff) in the loop.',
  closed:
    'With the window closed, buttons, lists and questions with a prompt send nothing and take `timeout` at once, and messages take `window_closed`: lead that output out of the loop, or put a delay, a handoff or a question without a prompt in it.',
};

/**
 * Refuses loops a run could go round without end within one turn: every connection in them can be
 * followed without waiting for the customer, a timer or an agent (HTTP and LLM calls do not count
 * as waiting). Checked for each window state, because with the window closed the sending nodes
 * take other outputs (`timeout`, `window_closed`) at once. Linear: strongly connected components
 * over the connections that do not wait.
 */
export function checkRunawayCycles(
  nodes: ReadonlyMap<string, CheckedNode>,
  next: ReadonlyMap<string, (string | null)[]>,
  problems: FlowProblem[],
): void {
  const keys = [...nodes.keys()];
  const startKey = keys.find((key) => nodes.get(key)!.raw.name === 'start');
  const reported = new Set<string>();
  for (const window of ['open', 'closed'] as const) {
    const steps = new Map(
      keys.map((key) => [key, stepsWithoutWaiting(nodes.get(key)!, next, window, startKey)]),
    );
    const targets = new Map([...steps].map(([key, out]) => [key, out.map((step) => step.to)]));
    for (const component of findLoopComponents(keys, (key) => targets.get(key)!)) {
      const id = component.join(',');
      if (reported.has(id)) continue;
      reported.add(id);
      const loop = shortestLoop(component, steps);
      const first = nodes.get(component[0])!;
      const chain = loop.map(({ to, port }) => ` —${port}→ ${describe(nodes.get(to)!)}`).join('');
      const when = window === 'open' ? '' : ' once the 24-hour window is closed';
      problems.push({
        code: 'loop_without_wait',
        path: `nodes.${first.key}`,
        nodeId: first.key,
        message: `${describe(first)}${chain} is a loop that never waits for the customer, a timer or an agent${when}: one run would go round it without end, sending messages or calling services each time. ${ADVICE[window]}`,
      });
    }
  }
}

function stepsWithoutWaiting(
  checked: CheckedNode,
  next: ReadonlyMap<string, (string | null)[]>,
  window: WindowState,
  startKey: string | undefined,
): Step[] {
  // A node whose data failed its checks has other problems reported; its connections are not judged.
  if (!checked.node) return [];
  const targets = next.get(checked.key) ?? [];
  const ports = portsWithoutWaiting(checked.node, window);
  return ports.flatMap(({ index, name }) => {
    const to = targets[index] ?? null;
    // A connection back into start is refused on its own (`start_has_incoming`).
    return to === null || to === startKey ? [] : [{ to, port: name }];
  });
}

function portsWithoutWaiting<T extends NodeType>(
  node: FlowNodeOf<T>,
  window: WindowState,
): { index: number; name: string }[] {
  const ports: readonly string[] = getNodeRuntime(node.type).ports(node.data);
  const names = getNodeDefinition(node.type).portsWithoutWaiting?.(node.data, window) ?? ports;
  return names.map((name) => ({ index: portIndexOf(ports, name), name }));
}

/** The shortest way round the component from its first node back to it (breadth-first, inside the component). */
function shortestLoop(component: readonly string[], steps: ReadonlyMap<string, Step[]>): Step[] {
  const inside = new Set(component);
  const root = component[0];
  const cameBy = new Map<string, { from: string; step: Step }>();
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head];
    for (const step of steps.get(from) ?? []) {
      if (!inside.has(step.to) || cameBy.has(step.to)) continue;
      cameBy.set(step.to, { from, step });
      if (step.to === root) return unwind(cameBy, root);
      queue.push(step.to);
    }
  }
  return [];
}

function unwind(cameBy: ReadonlyMap<string, { from: string; step: Step }>, root: string): Step[] {
  const loop: Step[] = [];
  let at = root;
  do {
    const link = cameBy.get(at)!;
    loop.unshift(link.step);
    at = link.from;
  } while (at !== root);
  return loop;
}

/**
 * Tarjan's strongly connected components, iterative so a long chain cannot overflow the stack.
 * Linear in nodes + edges. Returns only the components that hold a loop: several nodes, or one node
 * with an edge to itself. Each component lists its nodes in the order of `keys`.
 */
export function findLoopComponents(
  keys: readonly string[],
  targetsOf: (key: string) => readonly string[],
): string[][] {
  const order = new Map(keys.map((key, position) => [key, position]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let counter = 0;

  const visit = (key: string, work: { key: string; edge: number }[]) => {
    index.set(key, counter);
    low.set(key, counter);
    counter += 1;
    stack.push(key);
    onStack.add(key);
    work.push({ key, edge: 0 });
  };

  for (const root of keys) {
    if (index.has(root)) continue;
    const work: { key: string; edge: number }[] = [];
    visit(root, work);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = targetsOf(frame.key);
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++];
        if (!order.has(target)) continue;
        if (!index.has(target)) visit(target, work);
        else if (onStack.has(target)) low.set(frame.key, Math.min(low.get(frame.key)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
      if (low.get(frame.key) !== index.get(frame.key)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.key);
      if (component.length > 1 || targets.includes(frame.key)) {
        loops.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
      }
    }
  }
  return loops;
}
