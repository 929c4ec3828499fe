import type { NodeRuntime } from '../../node-definition';
import type { DelayNodeData } from './delay-node-data';
import { executeDelayNode } from './execute-delay-node';
import { resumeDelayNode } from './resume-delay-node';

/** `delay` at run time: its outputs, executor and resumer. */
export const delayNodeRuntime: NodeRuntime<DelayNodeData> = {
  outputs: () => [{ name: 'next', description: 'The delay is over.' }],
  execute: executeDelayNode,
  resume: resumeDelayNode,
};
