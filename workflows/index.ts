/**
 * Every workflow the worker runs (its `workflowsPath`). Only workflow functions are exported here:
 * the worker bundles this file into the workflow sandbox.
 */
export { conversationWorkflow } from './conversation-workflow';
export { agentReplyWorkflow } from './agent-reply-workflow';
export { generateFlowWorkflow } from './generate-flow-workflow';
export { campaignWorkflow } from './campaign-workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery-workflow';
