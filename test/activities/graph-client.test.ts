/** The Graph client against the fake on loopback, and how each Graph failure maps to a Temporal failure. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  GraphApiError,
  GraphTransportError,
  toWhatsAppFailure,
  whatsAppFailureTypes,
} from '../../activities/whatsapp/errors';
import { createGraphClient } from '../../activities/whatsapp/graph-client';
import { toGraphMessagePayload } from '../../activities/whatsapp/graph-payload';
import {
  graphErrors,
  startFakeGraphApi,
  type FakeGraphApi,
  type GraphFault,
} from '../support/fake-graph-api';

const sender = { phoneNumberId: '1234567890', accessToken: 'token-1' };
const payload = toGraphMessagePayload('+4915112345678', { kind: 'text', body: 'Hello' });

/** Sends once with `fault` injected and returns the failure the activity would throw. */
async function failureFor(graph: FakeGraphApi, fault: GraphFault): Promise<ApplicationFailure> {
  const client = createGraphClient({ baseUrl: graph.baseUrl, apiVersion: 'v23.0', timeoutMs: 2000 });
  graph.failNext(1, fault);
  const error = await client.sendMessage(sender, payload).then(
    () => assert.fail('expected the send to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof GraphApiError || error instanceof GraphTransportError);
  return toWhatsAppFailure(error);
}

describe('createGraphClient', () => {
  let graph: FakeGraphApi;
  before(async () => {
    graph = await startFakeGraphApi({ accessTokens: ['token-1'] });
  });
  after(() => graph.stop());
  beforeEach(() => {
    graph.clearFailures();
    graph.reset();
  });

  it('sends with the bearer token to /{version}/{phoneNumberId}/messages and returns the wamid', async () => {
    const client = createGraphClient({ baseUrl: `${graph.baseUrl}/`, apiVersion: 'v23.0', timeoutMs: 1000 });
    const { waMessageId } = await client.sendMessage(sender, payload);
    assert.equal(graph.requests.length, 1);
    const [request] = graph.requests;
    assert.equal(request.version, 'v23.0');
    assert.equal(request.phoneNumberId, '1234567890');
    assert.equal(request.authorization, 'Bearer token-1');
    assert.equal(request.waMessageId, waMessageId);
  });

  const table: { name: string; fault: GraphFault; type: string; nonRetryable: boolean; delayMs?: number }[] =
    [
      {
        name: '131047 window closed',
        fault: graphErrors.windowClosed,
        type: 'WhatsAppWindowClosed',
        nonRetryable: true,
      },
      {
        name: '131009 invalid parameter',
        fault: graphErrors.invalidParameter,
        type: 'WhatsAppInvalidRequest',
        nonRetryable: true,
      },
      {
        name: '132001 template does not exist',
        fault: { status: 404, code: 132001, title: 'Template name does not exist in the translation' },
        type: 'WhatsAppInvalidRequest',
        nonRetryable: true,
      },
      {
        name: '190 expired token',
        fault: { status: 401, code: 190, title: 'Access token has expired' },
        type: 'WhatsAppAuthFailed',
        nonRetryable: true,
      },
      {
        name: '130429 throughput (400)',
        fault: graphErrors.throughput,
        type: 'WhatsAppRateLimited',
        nonRetryable: false,
      },
      {
        name: '130429 throughput (429)',
        fault: graphErrors.throughputHttp429,
        type: 'WhatsAppRateLimited',
        nonRetryable: false,
      },
      {
        name: '131056 pair rate, retried after 6 s',
        fault: graphErrors.pairRate,
        type: 'WhatsAppRateLimited',
        nonRetryable: false,
        delayMs: 6000,
      },
      {
        name: '80007 app rate limit',
        fault: graphErrors.appRateLimit,
        type: 'WhatsAppRateLimited',
        nonRetryable: false,
      },
      {
        name: '500 internal error',
        fault: graphErrors.internalError,
        type: 'WhatsAppUnavailable',
        nonRetryable: false,
      },
      {
        name: '503 unavailable',
        fault: graphErrors.unavailable,
        type: 'WhatsAppUnavailable',
        nonRetryable: false,
      },
      { name: 'request timeout', fault: 'timeout', type: 'WhatsAppUnavailable', nonRetryable: false },
    ];
  for (const { name, fault, type, nonRetryable, delayMs } of table) {
    it(`maps ${name} to ${type} (${nonRetryable ? 'non-retryable' : 'retryable'})`, async () => {
      const failure = await failureFor(graph, fault);
      assert.equal(failure.type, type);
      assert.equal(failure.nonRetryable, nonRetryable);
      assert.ok(failure.cause instanceof Error, 'keeps the Graph error as cause');
      if (delayMs !== undefined) assert.equal(failure.nextRetryDelay, delayMs);
      assert.equal(graph.sentMessages().length, 0);
    });
  }

  it('keeps the Graph error code and fbtrace on the cause', async () => {
    const failure = await failureFor(graph, graphErrors.windowClosed);
    assert.ok(failure.cause instanceof GraphApiError);
    assert.equal(failure.cause.graphError.code, 131047);
    assert.match(failure.cause.graphError.fbtrace_id ?? '', /^A/);
    assert.equal(failure.type, whatsAppFailureTypes.windowClosed);
  });

  it('reports a refused connection as a transport error, not a Graph answer', async () => {
    const stopped = await startFakeGraphApi();
    const baseUrl = stopped.baseUrl;
    await stopped.stop();
    const client = createGraphClient({ baseUrl, apiVersion: 'v23.0', timeoutMs: 1000 });
    await assert.rejects(client.sendMessage(sender, payload), (error: unknown) => {
      assert.ok(error instanceof GraphTransportError);
      assert.equal(error.timedOut, false);
      return true;
    });
  });
});
