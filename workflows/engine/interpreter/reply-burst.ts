/**
 * Bursts: customers often answer in several short messages ("hi" / "I'd like to order" / "a pizza").
 * When a flow merges them (`FlowGraph.mergeMessagesWithinMs` > 0), a free-text message answering a
 * reply wait does not resume the node at once: the run waits a `burst` (a short durable timer), joins
 * every further message that arrives within the gap of the previous one, and resumes the node once
 * with the joined text when the customer has been quiet for the gap. A burst never lasts past
 * MAX_BURST_MS from its first message, nor past the reply wait's own deadline (node timeout or the
 * 24-hour window). A tap (a button or list reply id) is a choice made, not typing: it answers at once.
 */
import type { CustomerMessageEvent } from '../engine-action';
import type { BurstWaitSpec, FlowState, ReplyWaitSpec, TranscriptEntry } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import type { NodeEvent } from '../node-runtime';
import type { WalkedStep } from './walk-graph';

/** The longest gap a flow may set: a customer waits this long for every free-text answer. */
export const MAX_MERGE_MESSAGES_WITHIN_MS = 30_000;

/**
 * The gap `compileFlow` writes when the start node does not set one: 0, merging off. Merging delays
 * every free-text answer by the gap, also the single-message answers most customers give, so a flow
 * opts in (3,000 ms catches messages typed in a row).
 */
export const DEFAULT_MERGE_MESSAGES_WITHIN_MS = 0;

/** However fast the customer keeps writing, a burst is answered this long after its first message. */
export const MAX_BURST_MS = 60_000;

/**
 * The flow's gap in ms; 0 when the graph does not say: graphs compiled before the setting existed and
 * Drawflow documents parsed for older runs, which must replay unchanged.
 */
export function burstGapOf(graph: FlowGraph): number {
  return graph.mergeMessagesWithinMs ?? 0;
}

/** Whether `event`, answering a reply wait of `graph`, opens a burst instead of answering at once. */
export function opensBurst(graph: FlowGraph, event: CustomerMessageEvent): boolean {
  return burstGapOf(graph) > 0 && event.payload === undefined;
}

/** The first free-text message: the run now waits for more. `heard` has the message in its transcript. */
export function startBurst(
  heard: FlowState,
  reply: ReplyWaitSpec,
  event: CustomerMessageEvent,
  gapMs: number,
): WalkedStep {
  const burst = { startedAt: event.at, reply };
  const wait: BurstWaitSpec = {
    kind: 'burst',
    nodeId: reply.nodeId,
    timerId: `burst:${reply.nodeId}:${heard.sequence + 1}`,
    text: event.text,
    ...burst,
    deadlineAt: burstDeadline(burst, event.at, gapMs),
  };
  return { state: { ...heard, wait, sequence: heard.sequence + 1 }, actions: [], wait };
}

/**
 * Another free-text message within the burst: joined to its text and to its transcript entry (so the
 * LLM nodes read one customer turn), and the quiet gap counted again from it.
 */
export function extendBurst(
  heard: FlowState,
  burst: BurstWaitSpec,
  event: CustomerMessageEvent,
  gapMs: number,
): WalkedStep {
  const text = joinLines(burst.text, event.text);
  const wait: BurstWaitSpec = { ...burst, text, deadlineAt: burstDeadline(burst, event.at, gapMs) };
  const transcript = joinBurstEntry(heard.transcript, burst, text);
  return { state: { ...heard, wait, transcript }, actions: [], wait };
}

/** What the waiting node is resumed with when the burst's timer fires: one reply, the joined text. */
export function burstAnswer(burst: BurstWaitSpec, at: number): NodeEvent {
  return { type: 'reply', text: burst.text, at };
}

function burstDeadline(burst: Pick<BurstWaitSpec, 'startedAt' | 'reply'>, at: number, gapMs: number): number {
  return Math.min(at + gapMs, burst.startedAt + MAX_BURST_MS, burst.reply.deadlineAt ?? Infinity);
}

function joinLines(before: string, after: string): string {
  return [before, after].filter((text) => text !== '').join('\n');
}

/**
 * Replaces the burst's transcript entry and the message just heard after it with one entry. Nothing
 * else joins the transcript during a burst (the run sends nothing while it waits), so the entry is
 * the one before last.
 */
function joinBurstEntry(
  transcript: TranscriptEntry[],
  burst: BurstWaitSpec,
  text: string,
): TranscriptEntry[] {
  const entry = transcript.at(-2);
  if (entry?.role !== 'customer' || entry.at !== burst.startedAt) return transcript;
  return [...transcript.slice(0, -2), { ...entry, text }];
}
