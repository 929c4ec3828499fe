import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpMethod } from '../routing/route-definition';

/** Where the snippet files live: `docs/snippets/<flow>/<language file>`. */
export const SNIPPETS_DIR = path.resolve(__dirname, '../../docs/snippets');

/** The four languages the published documentation promises, in its order. */
export const SNIPPET_LANGUAGES = [
  { id: 'curl', label: 'cURL', file: 'curl.sh', fence: 'sh', openApiLang: 'shell' },
  { id: 'node', label: 'Node.js', file: 'node.mjs', fence: 'js', openApiLang: 'node' },
  { id: 'python', label: 'Python', file: 'python.py', fence: 'python', openApiLang: 'python' },
  { id: 'php', label: 'PHP', file: 'php.php', fence: 'php', openApiLang: 'php' },
] as const;

export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

/** One core integration flow of the guide and the route its snippets call. */
export interface IntegrationFlow {
  /** Folder under docs/snippets and anchor in the guide. */
  id: string;
  title: string;
  /** The route the snippets call; for `receiver` snippets, the route whose answer they work with. */
  route: { method: HttpMethod; path: string };
  /** Runs in the integrator's own endpoint (e.g. verifying an event webhook): calls no FlowBot route. */
  receiver?: true;
}

/** The core integration flows, in the order a new integrator meets them. */
export const INTEGRATION_FLOWS: readonly IntegrationFlow[] = [
  { id: 'login', title: 'Log in', route: { method: 'post', path: '/api/auth/login' } },
  {
    id: 'api-token',
    title: 'Exchange credentials for an API token',
    route: { method: 'post', path: '/api/auth/api-token' },
  },
  {
    id: 'trigger-outbound',
    title: 'Trigger an outbound flow',
    route: { method: 'post', path: '/api/webhook/outbound' },
  },
  {
    id: 'lead-jwt',
    title: 'Send a lead with a JWT',
    route: { method: 'post', path: '/api/webhook/flow/{flowId}/lead' },
  },
  {
    id: 'lead-hmac',
    title: 'Send a lead with an HMAC signature',
    route: { method: 'post', path: '/api/webhook/flow/{flowId}/lead' },
  },
  { id: 'list-flows', title: 'List flows', route: { method: 'get', path: '/api/flows' } },
  {
    id: 'list-conversations',
    title: 'List conversations',
    route: { method: 'get', path: '/api/conversations' },
  },
  {
    id: 'reply',
    title: 'Reply to a customer',
    route: { method: 'post', path: '/api/conversations/{id}/reply' },
  },
  {
    id: 'generate-flow',
    title: 'Generate a flow with AI',
    route: { method: 'post', path: '/api/flows/generate' },
  },
  {
    id: 'import-contacts',
    title: 'Import contacts from CSV',
    route: { method: 'post', path: '/api/contacts/import' },
  },
  { id: 'list-contacts', title: 'List contacts', route: { method: 'get', path: '/api/contacts' } },
  {
    id: 'opt-out-settings',
    title: 'Set a number’s opt-out settings',
    route: { method: 'patch', path: '/api/whatsapp/accounts/{id}' },
  },
  {
    id: 'create-campaign',
    title: 'Create a campaign',
    route: { method: 'post', path: '/api/campaigns' },
  },
  {
    id: 'schedule-campaign',
    title: 'Schedule a campaign',
    route: { method: 'post', path: '/api/campaigns/{id}/schedule' },
  },
  {
    id: 'campaign-progress',
    title: 'Follow a campaign',
    route: { method: 'get', path: '/api/campaigns/{id}' },
  },
  {
    id: 'simulate-flow',
    title: 'Try a flow in the simulator',
    route: { method: 'post', path: '/api/flows/{id}/simulate' },
  },
  {
    id: 'takeover-release',
    title: 'Take over a conversation and hand it back',
    route: { method: 'post', path: '/api/conversations/{id}/takeover' },
  },
  {
    id: 'flow-analytics',
    title: 'Read a flow’s analytics',
    route: { method: 'get', path: '/api/flows/{id}/analytics' },
  },
  {
    id: 'list-flow-revisions',
    title: 'List a flow’s revisions',
    route: { method: 'get', path: '/api/flows/{id}/revisions' },
  },
  {
    id: 'diff-flow-revisions',
    title: 'See what a revision changed',
    route: { method: 'get', path: '/api/flows/{id}/revisions/{number}/diff' },
  },
  {
    id: 'rollback-flow',
    title: 'Roll a flow back to a revision',
    route: { method: 'post', path: '/api/flows/{id}/revisions/{number}/rollback' },
  },
  {
    id: 'webhook-endpoint',
    title: 'Receive event webhooks',
    route: { method: 'post', path: '/api/webhook-endpoints' },
  },
  {
    id: 'verify-webhook',
    title: 'Verify an event webhook',
    route: { method: 'post', path: '/api/webhook-endpoints' },
    receiver: true,
  },
];

/** Path of one snippet file. */
export function snippetPath(flow: IntegrationFlow, language: SnippetLanguage): string {
  return path.join(SNIPPETS_DIR, flow.id, language.file);
}

/** The text of one snippet, without trailing blank lines. */
export function readSnippet(flow: IntegrationFlow, language: SnippetLanguage): string {
  return readFileSync(snippetPath(flow, language), 'utf8').trimEnd();
}
