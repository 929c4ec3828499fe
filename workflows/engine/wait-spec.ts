/**
 * What a flow run waits for after a step. The workflow arms one durable timer for `deadlineAt`
 * (when not null) and feeds back `timer_fired` with the same `timerId`; `deadlineAt` already
 * includes the WhatsApp window cap for replies.
 */
export type WaitSpec =
  | {
      kind: 'reply';
      nodeId: string;
      timerId: string;
      /** The node's own timeout, before the window cap. */
      timeoutMs?: number;
      /** Epoch ms: min(node timeout, window close) — null when neither applies. */
      deadlineAt: number | null;
    }
  | { kind: 'timer'; nodeId: string; timerId: string; durationMs: number; deadlineAt: number }
  | { kind: 'effect'; nodeId: string; effectId: string }
  | {
      kind: 'handoff';
      /** The handoff node, or the node an agent interrupted. */
      nodeId: string;
      timerId: string;
      timeoutMs?: number;
      deadlineAt: number | null;
    };

/** Whether the wait needs a durable timer, and for which id. */
export function waitTimer(wait: WaitSpec): { timerId: string; deadlineAt: number } | null {
  if (wait.kind === 'effect' || wait.deadlineAt === null) return null;
  return { timerId: wait.timerId, deadlineAt: wait.deadlineAt };
}
