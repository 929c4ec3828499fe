/**
 * Temporal definitions of event webhook deliveries, shared by `api/`, `activities/`, `worker/`,
 * `workflows/` and tests: the workflow id, its input and the retry schedule. No I/O.
 */

/** The workflow id of one delivery's attempt series: one open run per delivery (= event id). */
export function webhookDeliveryWorkflowId(deliveryId: string): string {
  return `webhook-delivery-${deliveryId}`;
}

/**
 * When attempts happen: the first at once, then after `initialIntervalMs`, doubling up to
 * `maximumIntervalMs`; none is started after `giveUpAfterMs` from the first (the delivery is then
 * `failed`). Configured by WEBHOOK_RETRY_* (platform/config.ts).
 */
export interface WebhookRetrySchedule {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  giveUpAfterMs: number;
}

/** 10 s doubling to 30 min, for 24 h: about 55 attempts, the last ones half an hour apart. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE: WebhookRetrySchedule = {
  initialIntervalMs: 10_000,
  maximumIntervalMs: 30 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
};

/** Input of `webhookDeliveryWorkflow`. */
export interface WebhookDeliveryWorkflowInput {
  deliveryId: string;
  retry: WebhookRetrySchedule;
}

/** Failure types of the delivery activity; the refused ones are not retried. */
export const webhookFailureTypes = {
  /** The endpoint answered something other than 2xx, or could not be reached. */
  rejected: 'WebhookEndpointRejected',
  /** The URL is not allowed (a non-public address while HTTP_NODE_ALLOW_PRIVATE is off). */
  refused: 'WebhookEndpointRefused',
} as const;
