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
