import type { FlowProblem } from '../../workflows/engine';
import { ConflictError, UnprocessableEntityError } from '../errors';

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
