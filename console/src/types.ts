/** The API's shapes the console reads (see /api/openapi.json). */
import type { z } from 'zod';
import type { toFlowDetail, toFlowSummary } from '../../api/flows/flow-access';
import type { runHistorySchema } from '../../api/schemas/flows';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: 'user' | 'admin';
}

/** The flow shapes, as the API's serializers build them (type-only: nothing of the API is bundled). */
export type FlowSummary = ReturnType<typeof toFlowSummary>;
export type FlowDetail = ReturnType<typeof toFlowDetail>;

/** `GET /api/flows/{id}/runs/{workflowId}/{runId}/history`: the run's events and its Web UI page (or null). */
export type RunHistory = z.output<typeof runHistorySchema>;

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
