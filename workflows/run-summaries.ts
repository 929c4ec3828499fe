/**
 * The one-line summaries (Temporal user metadata) the Web UI shows for a conversation's run and for
 * each of its activities and timers, so its event history reads as the flow. Deterministic, and
 * free of personal data by construction: only ids, node ids, message kinds, template names, HTTP
 * methods and hosts, durations and statuses go in — never a phone number, a name or message text.
 */
import type { ConversationChange } from '../activities';
import type { EffectAction, OutgoingMessage, WaitSpec } from './engine/runtime';
import type { FlowTrigger } from './engine/flow-state';

/** The longest flow name a start summary quotes; the UI shows the summary on one line. */
const MAX_FLOW_NAME_LENGTH = 80;

/** What the Web UI shows for a started conversation run (`staticSummary` / `staticDetails`). */
export interface ConversationStartSummary {
  staticSummary: string;
  staticDetails: string;
}

/** `Flow "Welcome" for lead (conversation 1b2c…)`, plus the flow id and version as details. */
export function summarizeConversationStart(start: {
  flowName: string;
  flowId: string;
  flowVersion: number;
  trigger: FlowTrigger;
  conversationId: string;
}): ConversationStartSummary {
  return {
    staticSummary: `Flow "${oneLine(start.flowName)}" for ${start.trigger} (conversation ${start.conversationId})`,
    staticDetails: `Flow ${start.flowId} version ${start.flowVersion}, trigger ${start.trigger}`,
  };
}

/** `send text (node 3)`, `send template hello_world (node 1)`, `send media image (node 2)`. */
export function summarizeSend(nodeId: string, message: OutgoingMessage): string {
  return `send ${describeMessage(message)} (node ${nodeId})`;
}

/** `send agent reply: text`, `send agent reply: template hello_world`. */
export function summarizeAgentReply(message: OutgoingMessage): string {
  return `send agent reply: ${describeMessage(message)}`;
}

/** `http_request GET api.example.com (node 5)`, `ai_reply (node 6)`, `ai_router (node 7)`. */
export function summarizeEffect(action: EffectAction): string {
  switch (action.kind) {
    case 'http_request': {
      // The host only: a path or query may carry the customer's data.
      const host = hostOf(action.request.url);
      return `http_request ${action.request.method}${host ? ` ${host}` : ''} (node ${action.nodeId})`;
    }
    case 'ai_reply':
    case 'ai_router':
      return `${action.kind} (node ${action.nodeId})`;
  }
}

/**
 * `record conversation change: status completed, past the last node, variables, ended` — which
 * columns of the conversations row the write changes, not their values.
 */
export function summarizeConversationChange(change: ConversationChange): string {
  const parts: string[] = [];
  if (change.runId !== undefined) parts.push('run id');
  if (change.status !== undefined) parts.push(`status ${change.status}`);
  if (change.currentNodeId !== undefined)
    parts.push(change.currentNodeId === null ? 'past the last node' : `at node ${change.currentNodeId}`);
  if (change.variables !== undefined) parts.push('variables');
  if (change.lastCustomerMessageAt !== undefined) parts.push('last customer message');
  if (change.endedAt !== undefined) parts.push('ended');
  return `record conversation change: ${parts.join(', ') || 'nothing'}`;
}

/**
 * One step's sends and row change in one activity: `send text (node 3), send buttons (node 4); record
 * conversation change: at node 4` — each message of the step by kind and node, as summarizeSend.
 */
export function summarizeStep(
  sends: { nodeId: string; message: OutgoingMessage }[],
  change?: ConversationChange,
) {
  const parts = [sends.map(({ nodeId, message }) => summarizeSend(nodeId, message)).join(', ')];
  if (change) parts.push(summarizeConversationChange(change));
  return parts.filter((part) => part !== '').join('; ');
}

/** A re-armed timer (an event came in meanwhile, or a new run took over) says how much is left. */
const REARMED_AFTER_MS = 60_000;

/**
 * The timer a wait arms, `remainingMs` from now: `wait for the customer's reply to node 4 (at most
 * 60 min)`, `delay node 7: 2 h`, `wait for an agent at node 8 (at most 30 min)` — the node's own
 * duration, with `, 1 h 20 min left` when the timer is re-armed for less. `windowCapped`: the
 * deadline is the close of the 24-hour customer-service window, not the node's timeout.
 */
export function summarizeWaitTimer(wait: WaitSpec, remainingMs: number, windowCapped: boolean): string {
  const upTo = (configuredMs: number | undefined) => {
    if (configuredMs === undefined) return formatDuration(remainingMs);
    const left = remainingMs < configuredMs - REARMED_AFTER_MS ? `, ${formatDuration(remainingMs)} left` : '';
    return `${formatDuration(configuredMs)}${left}`;
  };
  switch (wait.kind) {
    case 'reply':
      return windowCapped
        ? `wait for the customer's reply to node ${wait.nodeId} (until the 24-hour window closes, in ${formatDuration(remainingMs)})`
        : `wait for the customer's reply to node ${wait.nodeId} (at most ${upTo(wait.timeoutMs)})`;
    case 'burst':
      return `wait for more of the customer's messages to node ${wait.nodeId} (${formatDuration(remainingMs)})`;
    case 'timer':
      return `delay node ${wait.nodeId}: ${upTo(wait.durationMs)}`;
    case 'handoff':
      return `wait for an agent at node ${wait.nodeId} (at most ${upTo(wait.timeoutMs)})`;
    case 'effect':
      // Effects arm no timer (see waitTimer); named anyway so the switch stays exhaustive.
      return `wait for the result of node ${wait.nodeId} (at most ${formatDuration(remainingMs)})`;
  }
}

/** `45 s`, `60 min`, `2 h`, `2 h 30 min`, `3 d 4 h`: rounded to the unit that matters. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) {
    const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const hours = Math.round(ms / 3_600_000);
  const [days, rest] = [Math.floor(hours / 24), hours % 24];
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}

function describeMessage(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'template':
      return `template ${message.name}`;
    case 'media':
      return `media ${message.mediaType}`;
    case 'text':
    case 'buttons':
    case 'list':
      return message.kind;
  }
}

/** The URL's host (and port), without user info; null when it does not parse. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_FLOW_NAME_LENGTH ? `${line.slice(0, MAX_FLOW_NAME_LENGTH - 1)}…` : line;
}
