/** The API's shapes the console reads (see /api/openapi.json). */

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: 'user' | 'admin';
}

export type FlowStatus = 'draft' | 'active' | 'archived';

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  status: FlowStatus;
  createdAt: string;
  updatedAt: string;
}

export interface FlowDetail extends FlowSummary {
  version: number;
  whatsappAccountId: string | null;
  drawflowData: Record<string, unknown>;
  hasOutboundToken: boolean;
  hasHmacSecret: boolean;
}

/** The conversation shapes, as the API's reader declares them (type-only: nothing of the API is bundled). */
export type {
  ConversationListItem as ConversationItem,
  ConversationDetail,
  ConversationMessage,
} from '../../api/conversations/read-conversations';

export interface TemplateGroup {
  id: string;
  name: string;
  templates: { name: string; language: string; [key: string]: unknown }[];
}
