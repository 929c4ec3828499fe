import { z } from 'zod';
import { HTTP_METHODS } from '../routing/route-definition';

/** One API call that implements (part of) a capability. */
const capabilityCallSchema = z.object({
  method: z.enum(HTTP_METHODS),
  /** OpenAPI style, exactly as the route is declared: `/api/flows/{id}`. */
  path: z.string(),
  /** What the call does for this capability. */
  purpose: z.string(),
});

/** A platform capability and the exact API calls that implement it, in the order they are made. */
const capabilitySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  calls: z.array(capabilityCallSchema),
});

/** The shape of `GET /api/capabilities`; {@link Capability} is its element type. */
export const capabilityMapSchema = z.object({ capabilities: z.array(capabilitySchema) });

export type Capability = z.infer<typeof capabilitySchema>;

/**
 * The capability map of the published documentation ("structured documentation of platform
 * capabilities and the exact APIs used to implement each one"). Served as JSON at
 * `GET /api/capabilities`, rendered at /docs/capabilities and into docs/capability-map.md; a test
 * checks that every call names a declared route.
 */
export const CAPABILITIES: readonly Capability[] = [
  {
    id: 'session-login',
    title: 'Log in to the dashboard API',
    summary: 'A user logs in with a username and password; the session cookie authenticates later calls.',
    calls: [
      { method: 'post', path: '/api/auth/login', purpose: 'Check the password and set the session cookie' },
      { method: 'get', path: '/api/auth/me', purpose: 'Who is logged in' },
      { method: 'post', path: '/api/auth/logout', purpose: 'End the session' },
    ],
  },
  {
    id: 'api-access',
    title: 'Server-to-server API access',
    summary:
      'An admin approves API usage for a user; the user rotates client credentials and exchanges them for short-lived Bearer JWTs.',
    calls: [
      {
        method: 'patch',
        path: '/api/admin/users/{id}',
        purpose: 'Admin approves API usage (apiAccessApproved)',
      },
      {
        method: 'get',
        path: '/api/settings/api-access',
        purpose: 'See the client id and whether access is approved',
      },
      {
        method: 'post',
        path: '/api/settings/api-access/rotate',
        purpose: 'Rotate the key: new clientId and apiKey',
      },
      { method: 'post', path: '/api/auth/api-token', purpose: 'Exchange clientId + apiKey for a Bearer JWT' },
    ],
  },
  {
    id: 'outbound-trigger',
    title: 'Start a conversation from an external system',
    summary:
      'A CRM or shop starts a flow for a phone number; FlowBot opens the conversation with an approved template and runs the flow.',
    calls: [
      {
        method: 'post',
        path: '/api/webhook/outbound',
        purpose: 'Start the flow for a phone number with data as variables',
      },
    ],
  },
  {
    id: 'lead-capture',
    title: 'Send leads to a flow',
    summary:
      'A website form or CRM posts a lead; every field becomes a flow variable. Authenticated by a Bearer JWT, the flow’s outbound token or an HMAC signature.',
    calls: [
      {
        method: 'post',
        path: '/api/webhook/flow/{flowId}/lead',
        purpose: 'Start the flow for the lead’s phone',
      },
    ],
  },
  {
    id: 'flow-authoring',
    title: 'Build and publish flows',
    summary:
      'Flows are Drawflow graphs of nodes (message, question, condition, AI, HTTP, hand-over, …), validated on save; only active flows can be triggered.',
    calls: [
      {
        method: 'get',
        path: '/api/flows',
        purpose: 'List the flows of the caller (admins: filter by userId)',
      },
      { method: 'post', path: '/api/flows', purpose: 'Create a draft flow from a Drawflow graph' },
      { method: 'get', path: '/api/flows/{id}', purpose: 'One flow with its graph' },
      {
        method: 'patch',
        path: '/api/flows/{id}',
        purpose: 'Edit name, description, graph (running conversations keep their snapshot)',
      },
      { method: 'put', path: '/api/flows/{id}', purpose: 'Replace the flow' },
      { method: 'post', path: '/api/flows/{id}/activate', purpose: 'Publish: the flow can now be triggered' },
      { method: 'post', path: '/api/flows/{id}/archive', purpose: 'Retire the flow' },
      { method: 'delete', path: '/api/flows/{id}', purpose: 'Delete the flow' },
    ],
  },
  {
    id: 'flow-simulator',
    title: 'Try a flow before customers do',
    summary:
      'Plays a script of customer messages, choices and silences against a draft or a revision on a virtual clock, with canned HTTP and AI answers; nothing is sent or stored.',
    calls: [
      {
        method: 'post',
        path: '/api/flows/{id}/simulate',
        purpose: 'Run the script and get the transcript: messages, variables, path, window, waits, outcome',
      },
    ],
  },
  {
    id: 'flow-revisions',
    title: 'Flow revisions and rollback',
    summary:
      'Every activation (and every edit of an active flow) publishes an immutable, numbered revision; each conversation records the revision it runs and keeps it. Compare revisions and roll back by publishing an old one again.',
    calls: [
      {
        method: 'get',
        path: '/api/flows/{id}/revisions',
        purpose: 'The published revisions, newest first, and which one new conversations run',
      },
      {
        method: 'get',
        path: '/api/flows/{id}/revisions/{number}',
        purpose: 'One revision with its graph and validation result',
      },
      {
        method: 'get',
        path: '/api/flows/{id}/revisions/{number}/diff',
        purpose: 'Nodes and connections added, removed or changed against another revision',
      },
      {
        method: 'post',
        path: '/api/flows/{id}/revisions/{number}/rollback',
        purpose: 'Publish an old revision’s graph again as a new revision and activate the flow',
      },
      {
        method: 'get',
        path: '/api/conversations/{id}',
        purpose: 'flowRevision: the revision a conversation runs',
      },
    ],
  },
  {
    id: 'web-console',
    title: 'Work in the web console',
    summary:
      'The browser app served by the API: draw flows in the Drawflow editor, revisions, simulator and analytics, the AI generator, the inbox, settings and user management, on the session cookie.',
    calls: [
      { method: 'get', path: '/', purpose: 'The console page (sign in there)' },
      { method: 'get', path: '/assets/{file}', purpose: 'Its scripts, styles and fonts' },
    ],
  },
  {
    id: 'flow-credentials',
    title: 'Per-flow webhook credentials',
    summary:
      'Each flow has its own outbound token and HMAC secret, for systems that should reach only that flow’s triggers.',
    calls: [
      {
        method: 'post',
        path: '/api/flows/{id}/credentials/rotate',
        purpose: 'New outbound token and HMAC secret (shown once)',
      },
      {
        method: 'post',
        path: '/api/webhook/flow/{flowId}/lead',
        purpose: 'Use them: Bearer outbound token or X-Signature-256',
      },
    ],
  },
  {
    id: 'template-groups',
    title: 'Open conversations with approved templates',
    summary:
      'Outside the 24-hour window only approved WhatsApp templates may be sent; template groups hold the ones a trigger can open with.',
    calls: [
      { method: 'get', path: '/api/template-groups', purpose: 'List template groups' },
      { method: 'post', path: '/api/template-groups', purpose: 'Create a group of approved templates' },
      { method: 'get', path: '/api/template-groups/{id}', purpose: 'One group' },
      { method: 'patch', path: '/api/template-groups/{id}', purpose: 'Edit a group' },
      { method: 'put', path: '/api/template-groups/{id}', purpose: 'Replace a group' },
      { method: 'delete', path: '/api/template-groups/{id}', purpose: 'Delete a group' },
      {
        method: 'post',
        path: '/api/webhook/outbound',
        purpose: 'Use one: templateGroupId opens the conversation',
      },
    ],
  },
  {
    id: 'ai-flow-generation',
    title: 'Generate a flow with AI',
    summary:
      'An LLM drafts a complete flow from a text prompt, a PDF or an image; the result is validated and saved as a draft.',
    calls: [
      {
        method: 'post',
        path: '/api/flows/generate',
        purpose: 'Generate and save a draft flow (multipart/form-data)',
      },
    ],
  },
  {
    id: 'inbox',
    title: 'Follow conversations',
    summary: 'The inbox: conversations with their status, statistics and messages.',
    calls: [
      {
        method: 'get',
        path: '/api/conversations',
        purpose: 'List conversations (filters, paging, optional statistics)',
      },
      { method: 'get', path: '/api/conversations/stats', purpose: 'Counts by status' },
      { method: 'get', path: '/api/conversations/{id}', purpose: 'One conversation' },
      { method: 'get', path: '/api/conversations/{id}/messages', purpose: 'Its messages, newest first' },
    ],
  },
  {
    id: 'agent-reply',
    title: 'Reply to a customer as a human agent',
    summary:
      'Send text, media or a template into a conversation; free text only inside the WhatsApp 24-hour window, templates any time.',
    calls: [
      { method: 'post', path: '/api/conversations/{id}/reply', purpose: 'Send one message to the customer' },
    ],
  },
  {
    id: 'agent-takeover',
    title: 'Take a conversation over from its flow and hand it back',
    summary:
      'An agent pauses the flow of a running conversation (status handoff: customer messages wait for the agent), answers, and hands it back: the flow resumes what it waited for.',
    calls: [
      {
        method: 'post',
        path: '/api/conversations/{id}/takeover',
        purpose: 'Pause the flow; the conversation goes to handoff',
      },
      {
        method: 'post',
        path: '/api/conversations/{id}/reply',
        purpose: 'Answer the customer as the agent',
      },
      {
        method: 'post',
        path: '/api/conversations/{id}/release',
        purpose: 'Hand it back; the flow resumes its wait',
      },
    ],
  },
  {
    id: 'broadcast-campaigns',
    title: 'Send a campaign to many customers',
    summary:
      'An approved template to an audience (a contact filter, a list or a CSV), paced per number and by its daily unique-recipient limit, each recipient once; progress per recipient from the status webhooks and replies.',
    calls: [
      {
        method: 'post',
        path: '/api/campaigns',
        purpose: 'Create a draft: template, parameters, audience, pace',
      },
      { method: 'patch', path: '/api/campaigns/{id}', purpose: 'Edit the draft' },
      { method: 'post', path: '/api/campaigns/{id}/schedule', purpose: 'Start it at startAt (or now)' },
      { method: 'post', path: '/api/campaigns/{id}/pause', purpose: 'Stop sending after the current batch' },
      { method: 'post', path: '/api/campaigns/{id}/resume', purpose: 'Continue with the next recipient' },
      { method: 'post', path: '/api/campaigns/{id}/cancel', purpose: 'Stop for good' },
      { method: 'get', path: '/api/campaigns', purpose: 'List campaigns' },
      {
        method: 'get',
        path: '/api/campaigns/{id}',
        purpose: 'Status, what it waits for, totals per recipient status',
      },
      {
        method: 'get',
        path: '/api/campaigns/{id}/recipients',
        purpose: 'Recipients page by page, by status',
      },
      { method: 'get', path: '/api/campaigns/{id}/recipients.csv', purpose: 'Every recipient as CSV' },
    ],
  },
  {
    id: 'event-webhooks',
    title: 'Receive events in your systems (webhooks out)',
    summary:
      'FlowBot POSTs conversation, variable, message and campaign events to your HTTPS endpoints, signed with HMAC-SHA256 (X-FlowBot-Signature), retried with backoff for 24 hours and logged per endpoint; any event can be redelivered.',
    calls: [
      {
        method: 'post',
        path: '/api/webhook-endpoints',
        purpose: 'Register an endpoint and its event types; the answer holds the signing secret',
      },
      { method: 'get', path: '/api/webhook-endpoints', purpose: 'List endpoints' },
      { method: 'get', path: '/api/webhook-endpoints/{id}', purpose: 'One endpoint' },
      {
        method: 'patch',
        path: '/api/webhook-endpoints/{id}',
        purpose: 'Change URL, event types, description, enabled',
      },
      {
        method: 'post',
        path: '/api/webhook-endpoints/{id}/rotate-secret',
        purpose: 'New signing secret, shown once',
      },
      {
        method: 'get',
        path: '/api/webhook-endpoints/{id}/deliveries',
        purpose: 'Delivery log: status, attempts, last answer, body',
      },
      {
        method: 'post',
        path: '/api/webhook-deliveries/{id}/redeliver',
        purpose: 'Send a delivered or failed event again (same id)',
      },
      { method: 'delete', path: '/api/webhook-endpoints/{id}', purpose: 'Delete an endpoint and its log' },
    ],
  },
  {
    id: 'run-audit',
    title: 'Audit flow runs',
    summary:
      'Every conversation is a durable Temporal workflow; its runs and their step-by-step history can be read.',
    calls: [
      { method: 'get', path: '/api/flows/{id}/runs', purpose: 'The runs of a flow' },
      {
        method: 'get',
        path: '/api/flows/{id}/runs/{workflowId}/{runId}/history',
        purpose: 'One run, step by step',
      },
    ],
  },
  {
    id: 'flow-analytics',
    title: 'Measure a flow',
    summary:
      'Per flow and revision over a period: conversations started, completed, failed, stopped and handed over, and per node how many entered, left by each output, timed out or dropped, and the median time spent there — recorded as the runs go (docs/analytics.md).',
    calls: [
      { method: 'get', path: '/api/flows/{id}/analytics', purpose: 'The counts as JSON' },
      { method: 'get', path: '/api/flows/{id}/analytics.svg', purpose: 'The funnel drawn as SVG' },
    ],
  },
  {
    id: 'whatsapp-numbers',
    title: 'WhatsApp business numbers',
    summary:
      'The WhatsApp Cloud API numbers flows send from (connected with `npm run cli -- connect-whatsapp`).',
    calls: [
      { method: 'get', path: '/api/whatsapp/accounts', purpose: 'List connected numbers' },
      {
        method: 'patch',
        path: '/api/whatsapp/accounts/{id}',
        purpose: 'Set its inbound flow, send pacing and opt-out settings',
      },
    ],
  },
  {
    id: 'contacts',
    title: 'Contacts',
    summary:
      'The customers of each business number with attributes, tags and opt-in state; created from leads, triggers and inbound messages, or imported from CSV.',
    calls: [
      {
        method: 'post',
        path: '/api/contacts/import',
        purpose: 'Import a CSV (all rows or none; bad lines listed)',
      },
      {
        method: 'get',
        path: '/api/contacts',
        purpose: 'List with filters (tag, attr.<key>, optState) and paging',
      },
      { method: 'post', path: '/api/contacts', purpose: 'Create one contact' },
      { method: 'get', path: '/api/contacts/{id}', purpose: 'Read one contact' },
      { method: 'patch', path: '/api/contacts/{id}', purpose: 'Edit name, attributes, tags or opt state' },
      {
        method: 'delete',
        path: '/api/contacts/{id}',
        purpose: 'Stop their open conversation and delete them with their conversations and messages',
      },
    ],
  },
  {
    id: 'opt-out',
    title: 'Opt-out (STOP / START)',
    summary:
      'A customer who writes a STOP-type keyword is opted out: their conversation ends, one confirmation is sent if configured, and no send of any path reaches them (triggers and replies answer 409) until they write START.',
    calls: [
      {
        method: 'patch',
        path: '/api/whatsapp/accounts/{id}',
        purpose:
          'Set the confirmation and the keyword lists (optOutConfirmation, optOutKeywords, optInKeywords)',
      },
      {
        method: 'post',
        path: '/api/whatsapp/webhook',
        purpose: 'Customer messages: a whole-message keyword opts out or back in',
      },
      {
        method: 'patch',
        path: '/api/contacts/{id}',
        purpose: 'Record an opt-in or opt-out given another way (optState, source api)',
      },
      { method: 'get', path: '/api/contacts', purpose: 'Who opted out (optState=opted_out)' },
    ],
  },
  {
    id: 'whatsapp-webhook',
    title: 'Receive WhatsApp messages',
    summary:
      'Meta calls FlowBot’s webhook with customer messages and delivery statuses; replies resume the running flow.',
    calls: [
      { method: 'get', path: '/api/whatsapp/webhook', purpose: 'Meta’s subscription check (hub.challenge)' },
      {
        method: 'post',
        path: '/api/whatsapp/webhook',
        purpose: 'Messages and statuses, signed with X-Hub-Signature-256',
      },
    ],
  },
  {
    id: 'user-management',
    title: 'Manage users',
    summary: 'Administrators create users, change roles, disable accounts and approve API usage.',
    calls: [
      { method: 'get', path: '/api/admin/users', purpose: 'List users' },
      { method: 'post', path: '/api/admin/users', purpose: 'Create a user' },
      { method: 'get', path: '/api/admin/users/{id}', purpose: 'One user' },
      { method: 'patch', path: '/api/admin/users/{id}', purpose: 'Change role, disable, approve API usage' },
    ],
  },
  {
    id: 'api-discovery',
    title: 'Discover the API',
    summary:
      'The complete inventory of the API for integrators and AI agents: OpenAPI 3.1, this map, the docs page.',
    calls: [
      { method: 'get', path: '/api/openapi.json', purpose: 'The OpenAPI 3.1 document of every route' },
      { method: 'get', path: '/api/capabilities', purpose: 'This capability map as JSON' },
      { method: 'get', path: '/docs', purpose: 'The API reference page with code samples' },
    ],
  },
  {
    id: 'operations',
    title: 'Monitor the service',
    summary: 'Liveness for restarts and readiness (database and Temporal reachable) for routing traffic.',
    calls: [
      { method: 'get', path: '/healthz', purpose: 'The process is up' },
      { method: 'get', path: '/readyz', purpose: 'The database and Temporal answer' },
    ],
  },
];
