import type { FlowProblem } from '../api-client';

/**
 * Validator findings as a list, each on its node ("Node 2: …") or on the flow. With `onSelectNode`
 * the node names are links that select the node on the canvas.
 */
export function ProblemList(props: { problems: FlowProblem[]; onSelectNode?: (nodeId: string) => void }) {
  return (
    <ul class="problems">
      {props.problems.map((problem) => (
        <li key={problem.path + problem.code}>
          {problem.nodeId && props.onSelectNode ? (
            <a
              href="#"
              onClick={(event) => {
                event.preventDefault();
                props.onSelectNode!(problem.nodeId!);
              }}
            >
              Node {problem.nodeId}
            </a>
          ) : (
            (problem.nodeId && `Node ${problem.nodeId}`) || 'Flow'
          )}
          : {problem.message}
        </li>
      ))}
    </ul>
  );
}
