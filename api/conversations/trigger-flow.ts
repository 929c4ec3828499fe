/**
 * The two integration triggers as domain operations: the outbound trigger (opening template from a
 * template group) and the lead route (every field a flow variable). Routes authenticate, parse and
 * wrap these in {@link runIdempotently}.
 */
import type { Flow } from '../../entities/flow';
import type {
  OutboundTriggerBody,
  OutboundTriggerResponse,
  LeadBody,
  LeadResponse,
} from '../schemas/webhook-triggers';
import { buildOpeningTemplate } from './build-opening-template';
import { startConversation, type ConversationServiceDeps } from './start-conversation';

/** Whose flows a trigger may start: the authenticated user, or the flow's owner for per-flow credentials. */
export interface TriggerCaller {
  ownerId: string;
  /** The flow's row, read once to check the caller's credentials and then used to start the run. */
  flow: Flow;
}

/**
 * `POST /api/webhook/outbound`: fills the opening template, starts the run, answers the published body.
 * `data` fields (including `customerName`, `orderId`, `code`) become flow variables, with `phone`.
 */
export async function triggerOutboundFlow(
  deps: ConversationServiceDeps,
  caller: TriggerCaller,
  body: OutboundTriggerBody,
  replaceActive: boolean,
): Promise<OutboundTriggerResponse> {
  const { templateParams, templateName, ...fields } = body.data;
  const openingTemplate = await buildOpeningTemplate(deps.dataSource, {
    ownerId: caller.ownerId,
    templateGroupId: body.templateGroupId,
    templateName,
    templateParams,
    code: fields.code,
  });
  const started = await startConversation(deps, {
    ownerId: caller.ownerId,
    flowId: body.flowId,
    flow: caller.flow,
    phone: body.phone,
    trigger: { source: 'outbound', templateGroupId: body.templateGroupId, openingTemplate },
    variables: { ...fields, ...(templateParams ? { templateParams } : {}) },
    customerName: fields.customerName ?? null,
    replaceActive,
  });
  return {
    success: true,
    message: `Outbound flow triggered for ${started.customerPhone}`,
    flowId: started.flowId,
    conversationId: started.conversationId,
  };
}

/** `POST /api/webhook/flow/{flowId}/lead`: every field becomes a variable; `name` is the customer's name. */
export async function receiveLead(
  deps: ConversationServiceDeps,
  caller: TriggerCaller,
  flowId: string,
  body: LeadBody,
  replaceActive: boolean,
): Promise<LeadResponse> {
  const started = await startConversation(deps, {
    ownerId: caller.ownerId,
    flowId,
    flow: caller.flow,
    phone: body.phone as string,
    trigger: { source: 'lead' },
    variables: { ...body },
    customerName: typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 200) : null,
    replaceActive,
  });
  return {
    success: true,
    message: 'Lead received and flow started',
    variables: Object.keys(body),
    conversationId: started.conversationId,
  };
}
