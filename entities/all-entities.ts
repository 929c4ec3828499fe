import { ApiClient } from './api-client';
import { Campaign } from './campaign';
import { CampaignRecipient } from './campaign-recipient';
import { Contact } from './contact';
import { Conversation } from './conversation';
import { Flow } from './flow';
import { FlowRevision } from './flow-revision';
import { IdempotencyKey } from './idempotency-key';
import { Message } from './message';
import { NodeEvent } from './node-event';
import { TemplateGroup } from './template-group';
import { User } from './user';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookEndpoint } from './webhook-endpoint';
import { WhatsappAccount } from './whatsapp-account';

/** Every entity class, for DataSource construction. */
export const ENTITIES = [
  User,
  ApiClient,
  WhatsappAccount,
  Flow,
  FlowRevision,
  TemplateGroup,
  Conversation,
  Message,
  IdempotencyKey,
  Contact,
  Campaign,
  CampaignRecipient,
  NodeEvent,
  WebhookEndpoint,
  WebhookDelivery,
];
