export { ApiClient } from './api-client';
export {
  CAMPAIGN_STATUSES,
  Campaign,
  type CampaignAudience,
  type CampaignStatus,
  type CampaignTemplate,
  type SendingWindow,
} from './campaign';
export {
  CAMPAIGN_RECIPIENT_STATUSES,
  CampaignRecipient,
  type CampaignRecipientStatus,
} from './campaign-recipient';
export { Contact, type ContactOptState } from './contact';
export { Conversation, type ConversationStatus, type TriggerSource } from './conversation';
export { Flow, type FlowStatus } from './flow';
export { FlowRevision } from './flow-revision';
export { IdempotencyKey } from './idempotency-key';
export { Message, type MessageDirection, type MessageStatus } from './message';
export { NodeEvent, type NodeEventKind } from './node-event';
export { TemplateGroup, type TemplateDefinition } from './template-group';
export { User, type UserRole } from './user';
export { WhatsappAccount } from './whatsapp-account';
export { WebhookDelivery, type WebhookDeliveryStatus } from './webhook-delivery';
export { WebhookEndpoint } from './webhook-endpoint';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-outbox';
export { createDataSource, type DataSourceOptions } from './data-source';
export { runMigrations } from './run-migrations';
export { openDatabase, type OpenDatabase } from './open-database';

export { ENTITIES } from './all-entities';
