import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import type { HandoffNodeData } from './handoff-node-data';
import { handoffOutputs } from './handoff-outputs';

/** The agent released the conversation → `released`; the timeout passed first → `timeout`. */
export function resumeHandoffNode(_ctx: NodeContext<HandoffNodeData>, event: NodeEvent): NodeResult {
  return event.type === 'released'
    ? { then: { kind: 'next', output: handoffOutputs.released } }
    : { then: { kind: 'next', output: handoffOutputs.timeout } };
}
