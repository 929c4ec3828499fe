import type { EngineAction } from './engine-action';

/**
 * The most one turn of a run may do. A turn lasts from a start or an outside event (the customer's
 * reply, a timer, an agent) until the run waits for the next one; HTTP and LLM results arrive
 * within it. Far above what a flow that waits does (a long onboarding sends ~10 messages in a row),
 * they stop a loop that never waits — a graph stored before the validator refused such loops.
 */
export const TURN_LIMITS = { sends: 50, httpRequests: 50, aiCalls: 50 } as const;

/** What a turn has done so far, per limit. */
export type TurnCounts = Record<keyof typeof TURN_LIMITS, number>;

/** The run's `reason` when a limit stops it. */
export const TURN_LIMIT_REASONS = {
  sends: 'send_limit',
  httpRequests: 'http_request_limit',
  aiCalls: 'ai_call_limit',
} as const satisfies Record<keyof TurnCounts, string>;

const WHAT: Record<keyof TurnCounts, string> = {
  sends: 'messages',
  httpRequests: 'HTTP requests',
  aiCalls: 'LLM calls',
};

/** Nothing done yet: a new turn. */
export const NEW_TURN: Readonly<TurnCounts> = { sends: 0, httpRequests: 0, aiCalls: 0 };

/** The limit `action` counts against, or null (status changes and logs are free). */
export function turnLimitOf(action: EngineAction): keyof TurnCounts | null {
  switch (action.type) {
    case 'send':
      return 'sends';
    case 'effect':
      return action.kind === 'http_request' ? 'httpRequests' : 'aiCalls';
    case 'status':
    case 'log':
      return null;
  }
}

/** `counts` after `action`, or the limit it would break (then the action must not happen). */
export function countTurnAction(
  counts: Readonly<TurnCounts> | undefined,
  action: EngineAction,
): { counts: TurnCounts } | { exceeded: keyof TurnCounts } {
  const before = { ...NEW_TURN, ...counts };
  const limit = turnLimitOf(action);
  if (limit === null) return { counts: before };
  if (before[limit] >= TURN_LIMITS[limit]) return { exceeded: limit };
  return { counts: { ...before, [limit]: before[limit] + 1 } };
}

/** The log line that says which limit stopped the run. */
export function describeTurnLimit(limit: keyof TurnCounts): string {
  return `The flow made ${TURN_LIMITS[limit]} ${WHAT[limit]} without waiting for the customer, a timer or an agent (the limit per turn), so it was stopped before making more: it loops without waiting (reason ${TURN_LIMIT_REASONS[limit]}).`;
}
