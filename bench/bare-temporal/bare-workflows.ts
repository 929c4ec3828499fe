/**
 * The bare-Temporal baseline's workflows: a conversation's Temporal shape with nothing of FlowBot in
 * it (no flow graph, no engine, no database, no pacing). What they cost is what Temporal and the
 * SDK alone cost on this machine, so FlowBot's figures can be read as a share of it.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BareActivities } from './bare-activities';
import { bareReplySignal, type BareChainInput, type BareConversationInput } from './bare-definitions';

const { sendBareMessage } = proxyActivities<BareActivities>({
  startToCloseTimeout: '45 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** start → one send → (wait for an answer → one send) × replies → complete. */
export async function bareConversationWorkflow(input: BareConversationInput): Promise<void> {
  let answers = 0;
  setHandler(bareReplySignal, () => {
    answers += 1;
  });
  await sendBareMessage(input.to, 'opening');
  for (let turn = 1; turn <= input.replies; turn++) {
    await condition(() => answers >= turn);
    await sendBareMessage(input.to, `answer ${turn}`);
  }
}

/** `activities` sends in sequence, one activity each: sustained sending's shape. */
export async function bareActivityChainWorkflow(input: BareChainInput): Promise<void> {
  for (let i = 1; i <= input.activities; i++) await sendBareMessage(input.to, `update ${i}`);
}
