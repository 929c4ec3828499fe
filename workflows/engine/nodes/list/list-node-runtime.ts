import type { NodeRuntime } from '../../node-definition';
import { executeListNode } from './execute-list-node';
import type { ListNodeData } from './list-node-data';
import { listRows } from './list-outputs';
import { resumeListNode } from './resume-list-node';

/** `list` at run time: its outputs, executor and resumer. */
export const listNodeRuntime: NodeRuntime<ListNodeData> = {
  outputs: (data) => [
    ...listRows(data).map((row, i) => ({
      name: `row_${i + 1}`,
      description: `The customer picked "${row.title}".`,
    })),
    {
      name: 'other',
      description: 'The customer wrote something else (when unconnected, the list is sent again).',
    },
    {
      name: 'timeout',
      description:
        'No answer before the timeout or the end of the 24-hour window, or the window was already closed.',
      failure: true,
    },
  ],
  execute: executeListNode,
  resume: resumeListNode,
};
