import type { RouteTag } from '../routing/route-definition';

/** How a route domain appears in the reference: its heading and what it groups. */
export interface ApiTag {
  name: string;
  description: string;
}

/**
 * The domains in reading order: how an integration starts (auth, API access, webhooks), then the
 * product's resources, then operations. `satisfies Record<RouteTag, …>` makes a new tag a compile
 * error here until it is documented.
 */
export const API_TAGS = {
  auth: {
    name: 'Auth',
    description: 'Log in and out with a session cookie; the current user.',
  },
  'api-access': {
    name: 'API access',
    description:
      'Server-to-server access: an admin approves API usage, the user rotates client credentials in Settings → API Access and exchanges them for a short-lived Bearer JWT.',
  },
  integration: {
    name: 'Integration webhooks',
    description:
      'Start flows from external systems (CRM, web form, shop): outbound triggers and leads, authenticated by a Bearer API JWT, the flow’s outbound token or an HMAC signature.',
  },
  'event-webhooks': {
    name: 'Event webhooks',
    description:
      'FlowBot calls your systems: register HTTPS endpoints for conversation, variable, message and campaign events, each delivery signed (X-FlowBot-Signature), retried for 24 hours and logged; redeliver on request.',
  },
  flows: {
    name: 'Flows',
    description: 'Create, edit, publish and generate (with AI) the flows that drive conversations.',
  },
  'template-groups': {
    name: 'Template groups',
    description:
      'Approved WhatsApp message templates, grouped, to open conversations outside the 24-hour window.',
  },
  contacts: {
    name: 'Contacts',
    description:
      'The customers of each business number: attributes, tags and opt-in state (list, edit, delete with their data, CSV import). Opted-out customers are never sent anything.',
  },
  campaigns: {
    name: 'Campaigns',
    description:
      'Broadcasts: an approved template sent to an audience of contacts at a pace, with per-recipient progress from the status webhooks.',
  },
  conversations: {
    name: 'Conversations',
    description:
      'The inbox: conversations, their messages, replies by a human agent, hand-over and run history.',
  },
  whatsapp: {
    name: 'WhatsApp',
    description: 'The WhatsApp Cloud API connection and Meta’s webhook callback.',
  },
  admin: {
    name: 'Admin',
    description: 'User management for administrators, including approving API usage.',
  },
  system: {
    name: 'System',
    description: 'Health checks, this reference (OpenAPI document, docs page) and the capability map.',
  },
} as const satisfies Record<RouteTag, ApiTag>;
