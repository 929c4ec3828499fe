import type { NodeRuntime } from '../../node-definition';
import { executeHandoffNode } from './execute-handoff-node';
import type { HandoffNodeData } from './handoff-node-data';
import { resumeHandoffNode } from './resume-handoff-node';

/** `handoff` at run time: its outputs, executor and resumer. */
export const handoffNodeRuntime: NodeRuntime<HandoffNodeData> = {
  outputs: () => [
    { name: 'released', description: 'The agent handed the conversation back to the flow.' },
    { name: 'timeout', description: 'No release before the timeout.' },
  ],
  execute: executeHandoffNode,
  resume: resumeHandoffNode,
};
