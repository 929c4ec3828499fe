/**
 * `conversationWorkflow`: one flow run with one customer. The logic lives in ConversationRun; this
 * file wires Temporal's signals, query, search attributes and continue-as-new to it.
 */
import type { SearchAttributePair } from '@temporalio/common';
import {
  makeContinueAsNewFunc,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  agentReleaseSignal,
  agentTakeoverSignal,
  conversationSearchAttributes,
  conversationStateQuery,
  customerMessageSignal,
  stopConversationSignal,
  type ConversationWorkflowInput,
  type ConversationWorkflowResult,
} from './definitions';
import { ConversationRun } from './conversation-run';
import { flowActivityCalls } from './flow-activity-calls';

/**
 * Runs the flow snapshot in `input` for one customer until it ends (completed, failed, stopped).
 * Signals: customerMessageSignal (deduplicated by wamid), agentTakeoverSignal, agentReleaseSignal,
 * stopConversationSignal. Query: conversationStateQuery. Continues-as-new with its state when
 * Temporal suggests it or after `input.continueAsNewAfterEvents` events.
 */
export async function conversationWorkflow(
  input: ConversationWorkflowInput,
): Promise<ConversationWorkflowResult> {
  const run = new ConversationRun(input, flowActivityCalls);
  setHandler(customerMessageSignal, (message) => run.receiveCustomerMessage(message));
  setHandler(agentTakeoverSignal, (takeover) => run.takeOver(takeover?.agentId));
  setHandler(agentReleaseSignal, () => run.release());
  setHandler(stopConversationSignal, (stop) => run.stop(stop?.reason));
  setHandler(conversationStateQuery, () => run.snapshot());
  if (!input.carried) setMissingSearchAttributes(input);

  const outcome = await run.run();
  if (outcome.kind === 'ended') return outcome.result;
  // Search attributes are passed on explicitly: not every server copies them to the next run.
  const continueAsNew = makeContinueAsNewFunc<typeof conversationWorkflow>({
    typedSearchAttributes: workflowInfo().typedSearchAttributes,
  });
  return await continueAsNew({ ...input, carried: outcome.carried });
}

/**
 * The starter normally sets these (so the run is findable from its first moment); a starter that did
 * not still gets a findable run. Never the raw phone number: only its hash, computed by the starter.
 */
function setMissingSearchAttributes(input: ConversationWorkflowInput): void {
  const current = workflowInfo().typedSearchAttributes;
  const wanted: SearchAttributePair[] = [
    { key: conversationSearchAttributes.flowId, value: input.flowId },
    { key: conversationSearchAttributes.conversationId, value: input.conversationId },
    { key: conversationSearchAttributes.triggerSource, value: input.trigger.source },
  ];
  if (input.customerPhoneHash)
    wanted.push({ key: conversationSearchAttributes.phoneHash, value: input.customerPhoneHash });
  const missing = wanted.filter((pair) => current.get(pair.key) === undefined);
  if (missing.length > 0) upsertSearchAttributes(missing);
}
