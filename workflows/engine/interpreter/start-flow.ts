import type { EngineAction } from '../engine-action';
import { initialFlowState, type FlowState, type FlowTrigger } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import type { OutgoingMessage } from '../outgoing-message';
import { NEW_TURN } from '../turn-limits';
import { toVariableValue, type Variables } from '../variables';
import { executeNode } from './run-node';
import type { Step } from './step';
import { appendTranscript, transcriptText } from './transcript';
import { continueRun } from './walk-graph';

/** The approved template an outbound trigger opens with, already filled in. */
export type OpeningTemplateMessage = Omit<Extract<OutgoingMessage, { kind: 'template' }>, 'kind'>;

export interface StartFlowOptions {
  /** Epoch ms: the workflow's clock when the run starts. */
  now: number;
  trigger: FlowTrigger;
  /** Initial variables (from the API caller); anything JSON can hold. */
  variables?: Record<string, unknown>;
  /** The customer message that started an inbound run: it opens the window and the transcript. */
  inboundMessage?: { text: string; at: number };
  /** When the customer last wrote, if known from an earlier conversation (keeps an open window open). */
  lastCustomerMessageAt?: number | null;
  /** Sent before the first node: the outbound trigger's template. */
  openingTemplate?: OpeningTemplateMessage;
}

/** Begins a run at the start node and executes until the first wait (or the end). */
export function startFlow(graph: FlowGraph, options: StartFlowOptions): Step {
  const { now, trigger, inboundMessage, openingTemplate } = options;
  const variables: Variables = {};
  for (const [name, value] of Object.entries(options.variables ?? {}))
    variables[name] = toVariableValue(value);
  let state: FlowState = {
    ...initialFlowState(graph.startNodeId, trigger),
    variables,
    lastCustomerMessageAt: inboundMessage?.at ?? options.lastCustomerMessageAt ?? null,
    transcript: inboundMessage
      ? [{ role: 'customer', text: inboundMessage.text, at: inboundMessage.at }]
      : [],
    steps: 1,
  };
  const actions: EngineAction[] = [];
  if (openingTemplate) {
    const message: OutgoingMessage = { kind: 'template', ...openingTemplate };
    actions.push({ type: 'send', nodeId: graph.startNodeId, message });
    state = {
      ...state,
      turn: { ...NEW_TURN, sends: 1 },
      transcript: appendTranscript(state.transcript, { role: 'bot', text: transcriptText(message), at: now }),
    };
  }
  const start = graph.nodes[graph.startNodeId];
  return continueRun(graph, state, actions, start.id, executeNode(start, state, now), now);
}
