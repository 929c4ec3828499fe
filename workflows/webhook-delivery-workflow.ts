/**
 * `webhookDeliveryWorkflow`: one attempt series of one event to one endpoint. The attempts are the
 * retries of one `deliverWebhook` activity, so Temporal keeps the backoff durable across worker and
 * server restarts; when the schedule gives up, the delivery is marked `failed`.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { FlowActivities } from '../activities';
import { webhookFailureTypes, type WebhookDeliveryWorkflowInput } from './webhook-delivery-definitions';

/** A POST is bounded by the activity (10 s); this leaves room for reading and writing the row. */
const ATTEMPT_TIMEOUT = '1 minute';

const { markWebhookDeliveryFailed } = proxyActivities<FlowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Delivers one event until a 2xx or the schedule's end; see the module comment. */
export async function webhookDeliveryWorkflow(
  input: WebhookDeliveryWorkflowInput,
): Promise<'delivered' | 'failed'> {
  const { retry } = input;
  const { deliverWebhook } = proxyActivities<FlowActivities>({
    startToCloseTimeout: ATTEMPT_TIMEOUT,
    scheduleToCloseTimeout: retry.giveUpAfterMs,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
      nonRetryableErrorTypes: [webhookFailureTypes.refused],
    },
  });
  try {
    return await deliverWebhook(input.deliveryId);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await markWebhookDeliveryFailed(input.deliveryId);
    return 'failed';
  }
}
