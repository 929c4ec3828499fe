/**
 * The safety net of event webhooks: a delivery is recorded in the transaction of its change and its
 * workflow started right after the commit, by the process that committed. If that process dies in
 * between, the row stays pending and undispatched; this sweep, run by every worker when it starts and
 * then every minute, starts those rows' workflows (idempotent by workflow id).
 */
import type { Logger } from '../platform/logger';
import {
  sweepWebhookDeliveries,
  type WebhookDispatchTarget,
} from '../activities/webhooks/dispatch-webhook-deliveries';

export interface WebhookDeliverySweepOptions {
  /** Default one minute. */
  everyMs?: number;
  /** Rows queued less long ago are left to their starter. Default one minute. */
  olderThanMs?: number;
}

/** Sweeps now and then every `everyMs`; the returned function stops it (and waits for a sweep underway). */
export function startWebhookDeliverySweep(
  target: WebhookDispatchTarget,
  logger: Logger,
  options: WebhookDeliverySweepOptions = {},
): () => Promise<void> {
  const everyMs = options.everyMs ?? 60_000;
  const olderThanMs = options.olderThanMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let underway: Promise<void> = Promise.resolve();

  const sweep = async () => {
    try {
      const started = await sweepWebhookDeliveries(target, { olderThanMs });
      if (started > 0) logger.info({ started }, 'started webhook deliveries left undispatched');
    } catch (error) {
      logger.warn({ err: error }, 'webhook delivery sweep failed; trying again later');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      underway = sweep().finally(schedule);
    }, everyMs);
    timer.unref();
  };
  underway = sweep().finally(schedule);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await underway;
  };
}
