/**
 * The baseline's one activity: a text message POSTed to the fake Graph API, the same HTTP call
 * FlowBot's send makes, so both are timed by the same watch on the same fake.
 */
import { ApplicationFailure } from '@temporalio/common';

/** Where the sends go. */
export interface BareActivityDeps {
  graphBaseUrl: string;
  phoneNumberId: string;
}

/** Builds the activities; `sendBareMessage` throws (and is retried) when Graph does not accept. */
export function createBareActivities(deps: BareActivityDeps) {
  const url = `${deps.graphBaseUrl}/v23.0/${deps.phoneNumberId}/messages`;
  return {
    async sendBareMessage(to: string, text: string): Promise<void> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer bare-temporal', 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'text', text: { body: text } }),
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      if (!response.ok)
        throw ApplicationFailure.retryable(`Graph answered ${response.status}`, 'BareSendFailed');
    },
  };
}

/** The activities the bare workflows call. */
export type BareActivities = ReturnType<typeof createBareActivities>;
