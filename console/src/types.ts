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

export interface ConversationItem {
  id: string;
  waPhoneNumber: string;
  customerName: string | null;
  flowId: string | null;
  status: string;
  lastMessage: string | null;
  startedAt: string;
  lastCustomerMessageAt: string | null;
}

export interface ConversationDetail extends ConversationItem {
  triggerSource: string;
  currentNodeId: string | null;
  variables: Record<string, unknown>;
  endedAt: string | null;
  windowOpen: boolean;
  windowClosesAt: string | null;
  workflowId: string | null;
  runId: string | null;
}

export interface ConversationMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  content: Record<string, unknown>;
  waMessageId: string | null;
  status: string;
  errorCode: string | null;
  errorTitle: string | null;
  createdAt: string;
}

export interface TemplateGroup {
  id: string;
  name: string;
  templates: { name: string; language: string; [key: string]: unknown }[];
}
