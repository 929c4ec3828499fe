import type { FlowProblem } from '../api-client';

/**
 * Where under the node's `data` a problem is, as segments: the validator's
 * `nodes.3.data.hours.monday[0].to` and the dotted `nodes.3.data.hours.monday.0.to` both give
 * `['hours', 'monday', '0', 'to']`. Undefined for a problem that is not about one field of a node.
 */
export function dataPathOfProblem(problem: FlowProblem): string[] | undefined {
  const rest = /^nodes\.[^.[]+\.data\.(.+)$/.exec(problem.path)?.[1];
  return rest?.replace(/\[(\d+)\]/g, '.$1').split('.');
}

/** The first key under `data` of a problem's path (`nodes.3.data.buttons[1].title` → `buttons`). */
export function fieldOfProblem(problem: FlowProblem): string | undefined {
  return dataPathOfProblem(problem)?.[0];
}

/** The problems whose path under `data` is exactly `path` (`['hours', 'monday', '0', 'from']`). */
export function problemsAt(problems: readonly FlowProblem[], path: readonly string[]): FlowProblem[] {
  return problems.filter((problem) => {
    const at = dataPathOfProblem(problem);
    return at?.length === path.length && at.every((segment, index) => segment === path[index]);
  });
}
