import type { FlowProblem } from '../../workflows/engine';
import { ConflictError, HttpError, UnprocessableEntityError } from '../errors';

/** 422: the flow's graph cannot run for this trigger; `problems` lists every blocking finding. */
export class FlowNotRunnableError extends UnprocessableEntityError {
  override readonly fields: Record<string, unknown>;
  constructor(readonly problems: FlowProblem[]) {
    super(
      `The flow cannot be started: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
    );
    this.fields = { problems };
  }
}

/** 409: the customer already has an open conversation on this business number. */
export class ActiveConversationError extends ConflictError {
  constructor(
    readonly customerPhone: string,
    readonly conversationId: string,
  ) {
    super(`A conversation is already active for ${customerPhone} (conversation ${conversationId})`);
  }
}

/** 422 with `windowOpen: false`: only templates may be sent outside the 24-hour window. */
export class WindowClosedError extends UnprocessableEntityError {
  override readonly fields = { windowOpen: false };
  constructor(
    message = 'The 24-hour window is closed (the customer has not written in the last 24 hours): only an approved template may be sent',
  ) {
    super(message);
  }
}

/** 502: WhatsApp (Graph API) failed or refused our credentials; the caller's request was fine. */
export class BadGatewayError extends HttpError {
  override readonly name = 'BadGatewayError';
  constructor(message = 'WhatsApp did not accept the message', options?: ErrorOptions) {
    super(502, message, options);
  }
}

/** 504: the send was handed over but not confirmed in time; it may still go out. */
export class GatewayTimeoutError extends HttpError {
  override readonly name = 'GatewayTimeoutError';
  constructor(message: string, options?: ErrorOptions) {
    super(504, message, options);
  }
}
