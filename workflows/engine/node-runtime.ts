/**
 * The run side of a node type: what an executor sees and returns (`NodeContext`, `NodeResult`), the
 * `NodeRuntime` contract each `*-node-runtime.ts` fulfils, and the results several node types share
 * (the closed window, timeouts in minutes, choosing among buttons or list rows). No zod: this goes
 * into the workflow bundle.
 */
import {
  type EffectRequest,
  type EngineAction,
  fitToLimit,
  type OutgoingMessage,
  WHATSAPP_LIMITS,
} from './engine-action';
import { type FlowState, isWindowOpen } from './flow-state';
import { renderTemplate, type Variables } from './variables';

/** What an executor sees: its node's validated data and a read-only view of the run. */
export interface NodeContext<D, P extends string = string> {
  nodeId: string;
  data: D;
  state: Readonly<FlowState>;
  /** Epoch ms of the step (startFlow's `now` or the event's `at`). */
  now: number;
  /** Whether the output port `port` leads somewhere. */
  isConnected(port: P): boolean;
}

/** The event a waiting node is resumed with, already matched to its wait by the walker. */
export type NodeEvent =
  | { type: 'reply'; text: string; payload?: string; at: number }
  /** The reply or handoff wait's deadline passed (its own timeout, or the 24-hour window). */
  | { type: 'timeout'; at: number }
  /** A delay's timer fired. */
  | { type: 'timer'; at: number }
  | { type: 'effect'; ok: true; value: unknown; at: number }
  | { type: 'effect'; ok: false; error: string; at: number }
  /** An agent released a handoff node. */
  | { type: 'released'; at: number };

/**
 * The one result shape every executor returns: variable changes, actions, and what happens next.
 * The walker applies it; executors never touch FlowState themselves.
 */
export interface NodeResult<P extends string = string> {
  /** Variables to set (merged over the run's variables). */
  variables?: Variables;
  /** Sends and logs, in order. Effects are requested through `then.wait` instead. */
  actions?: EngineAction[];
  then: NodeOutcome<P>;
}

export type NodeOutcome<P extends string = string> =
  /**
   * Follow the output port `next`. When it is not connected the run ends: `completed`, or `failed`
   * with `reason` (default: the port's name) when it is one of the node's failure ports.
   */
  | { next: P; reason?: string }
  /** Stay on this node until an event resumes it. `retries` is the node's new re-prompt count. */
  | { wait: NodeWait; retries?: number }
  | { end: 'completed' | 'failed'; reason?: string };

/** What a node waits for; the walker assigns timer and effect ids and computes deadlines. */
export type NodeWait =
  | { kind: 'reply'; timeoutMs?: number }
  | { kind: 'timer'; durationMs: number }
  | { kind: 'effect'; effect: EffectRequest }
  | { kind: 'handoff'; timeoutMs?: number };

/**
 * One node type at run time: its output ports, executor and resumer. Free of zod on purpose: the
 * workflow bundle imports only this side of a node type (its `*-node-runtime.ts`).
 */
export interface NodeRuntime<D, P extends string = string> {
  /**
   * The output ports by name, in Drawflow order (the first is `output_1`, see
   * model/output-ports.ts); may depend on the data (one per button, rule, intent…).
   */
  ports(data: D): readonly P[];
  /** Ports that, taken and left unconnected, fail the run instead of completing it. */
  failurePorts?: readonly P[];
  /** Runs when the walker enters the node. */
  execute(ctx: NodeContext<D, P>): NodeResult<P>;
  /** Runs when an event answers the node's wait; only nodes that wait have it. */
  resume?(ctx: NodeContext<D, P>, event: NodeEvent): NodeResult<P>;
}

/**
 * The result for a node that must send a session message while the 24-hour window is closed:
 * nothing is sent, a log line says why, and the node's window/timeout port is taken (left
 * unconnected, the run fails with reason `window_closed`).
 */
export function takeWindowClosedOutput<D, P extends string>(ctx: NodeContext<D, P>, port: P): NodeResult<P> {
  return {
    actions: [
      {
        type: 'log',
        nodeId: ctx.nodeId,
        level: 'warn',
        message: 'The 24-hour customer window is closed; only a template may be sent, so nothing was sent.',
      },
    ],
    then: { next: port, reason: 'window_closed' },
  };
}

/** The ports of a node that sends one session message: `window_closed` when only a template may be sent. */
export type SessionMessagePort = 'sent' | 'window_closed';

/**
 * The run side of a node that sends one session message and moves on (message, media): the
 * message `messageOf` builds, then `sent`; nothing and `window_closed` when the window is closed.
 */
export function sessionMessageRuntime<D>(
  messageOf: (ctx: NodeContext<D, SessionMessagePort>) => OutgoingMessage,
): NodeRuntime<D, SessionMessagePort> {
  return {
    ports: () => ['sent', 'window_closed'],
    failurePorts: ['window_closed'],
    execute: (ctx) => {
      if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'window_closed');
      return {
        actions: [{ type: 'send', nodeId: ctx.nodeId, message: messageOf(ctx) }],
        then: { next: 'sent' },
      };
    },
  };
}

/** The ports of a node that asks for an effect (HTTP, LLM) and goes on by how it went. */
export type EffectOutcomePort = 'success' | 'failure';

/** The run side of a node whose effect succeeds or fails: `success`, or `failure` (a failure port). */
export function effectNodeRuntime<D>(
  steps: Required<Pick<NodeRuntime<D, EffectOutcomePort>, 'execute' | 'resume'>>,
): NodeRuntime<D, EffectOutcomePort> {
  return { ports: () => ['success', 'failure'], failurePorts: ['failure'], ...steps };
}

/** An expected failure (the effect failed or answered badly): a warning in the run's log, then `failure` with `reason`. */
export function takeFailurePort(
  nodeId: string,
  message: string,
  reason: string,
  variables?: Variables,
): NodeResult<'failure'> {
  return {
    variables,
    actions: [{ type: 'log', nodeId, level: 'warn', message }],
    then: { next: 'failure', reason },
  };
}

/** Sends `text` as a plain text message, cut to WhatsApp's limit. */
export function sendText(nodeId: string, text: string): EngineAction {
  return {
    type: 'send',
    nodeId,
    message: { kind: 'text', body: fitToLimit(text, WHATSAPP_LIMITS.textBody) },
  };
}

/** Waits for the workflow to perform `effect` (HTTP, LLM); the node resumes with its result. */
export function awaitEffect(effect: EffectRequest): NodeResult<never> {
  return { then: { wait: { kind: 'effect', effect } } };
}

/** Minutes from node data (`timeoutMinutes`, see node-field-schemas.ts) to the milliseconds a wait needs. */
export function minutesToMs(minutes: number | undefined): number | undefined {
  return minutes === undefined ? undefined : Math.round(minutes * 60_000);
}

/** The ports every choice node (buttons, list) has after its choices. */
export type ChoicePort = 'other' | 'timeout';

/** The data every choice node has: the frame of its interactive message, the answer's variable, the timeout. */
interface ChoiceData {
  text: string;
  header?: string;
  footer?: string;
  variable?: string;
  timeoutMinutes?: number;
}

/** A choice as the customer sees it: its title (rendered) and the reply id WhatsApp echoes back when it is tapped. */
export interface OfferedChoice {
  id: string;
  title: string;
}

/** What differs between the choice nodes (buttons, list); sending, waiting and the reply rules are the same for both. */
export interface ChoiceNode<Data extends ChoiceData, P extends string> {
  /** The port of choice `index` (0-based); its reply id is that port scoped by the node's id. */
  portOf(index: number): P;
  /** The choices in port order, as written in the data. */
  choicesOf(data: Data): readonly { title: string }[];
  /** WhatsApp's limit on a choice's title. */
  titleLimit: number;
  /** The interactive message offering `choices` (in port order) under the rendered `frame`. */
  messageOf(
    ctx: NodeContext<Data, P | ChoicePort>,
    frame: ChoiceFrame,
    choices: OfferedChoice[],
  ): OutgoingMessage;
}

/**
 * The run side of a choice node: one port per choice, then `other` and `timeout` (a failure port).
 * It sends the choices and waits for the answer, or takes `timeout` at once when the window is closed.
 * A tap (matched by reply id) or a typed title picks that choice's port. Anything else takes
 * `other` when it is connected; otherwise the choices are sent again — each retry needs a new
 * customer message, so this cannot loop by itself.
 */
export function choiceNodeRuntime<Data extends ChoiceData, P extends string>(
  choice: ChoiceNode<Data, P>,
): NodeRuntime<Data, P | ChoicePort> {
  type Context = NodeContext<Data, P | ChoicePort>;
  // Node-scoped, so a tap on an older message of another node is recognised as stale.
  const replyIdOf = (nodeId: string, index: number) => `${nodeId}.${choice.portOf(index)}`;
  // What the customer sees, and so what a typed answer is matched against.
  const titlesOf = (ctx: Context) =>
    choice
      .choicesOf(ctx.data)
      .map(({ title }) => fitToLimit(renderTemplate(title, ctx.state.variables), choice.titleLimit));
  const execute = (ctx: Context): NodeResult<P | ChoicePort> => {
    if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'timeout');
    const frame = renderChoiceFrame(ctx.data, ctx.state.variables);
    const offered = titlesOf(ctx).map((title, index) => ({ id: replyIdOf(ctx.nodeId, index), title }));
    return {
      actions: [{ type: 'send', nodeId: ctx.nodeId, message: choice.messageOf(ctx, frame, offered) }],
      then: { wait: { kind: 'reply', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) } },
    };
  };
  const resume = (ctx: Context, event: NodeEvent): NodeResult<P | ChoicePort> => {
    if (event.type !== 'reply') return { then: { next: 'timeout', reason: 'timeout' } };
    const titles = titlesOf(ctx);
    const typed = event.text.trim().toLowerCase();
    const index = titles.findIndex(
      (title, i) => event.payload === replyIdOf(ctx.nodeId, i) || title.trim().toLowerCase() === typed,
    );
    const variable = ctx.data.variable;
    if (index >= 0) {
      return {
        variables: variable ? { [variable]: titles[index] } : undefined,
        then: { next: choice.portOf(index) },
      };
    }
    if (ctx.isConnected('other')) {
      return {
        variables: variable ? { [variable]: event.text } : undefined,
        then: { next: 'other' },
      };
    }
    const again = execute(ctx);
    return 'wait' in again.then
      ? { ...again, then: { ...again.then, retries: ctx.state.retries + 1 } }
      : again;
  };
  return {
    ports: (data) => [...choice.choicesOf(data).map((_, i) => choice.portOf(i)), 'other', 'timeout'],
    failurePorts: ['timeout'],
    execute,
    resume,
  };
}

/** The text, header and footer of a choice node's interactive message, templated and within WhatsApp's limits. */
export interface ChoiceFrame {
  body: string;
  header?: string;
  footer?: string;
}

function renderChoiceFrame(data: ChoiceData, variables: Variables): ChoiceFrame {
  const render = (text: string, limit: number) => fitToLimit(renderTemplate(text, variables), limit);
  return {
    body: render(data.text, WHATSAPP_LIMITS.interactiveBody),
    header: data.header ? render(data.header, WHATSAPP_LIMITS.headerFooter) : undefined,
    footer: data.footer ? render(data.footer, WHATSAPP_LIMITS.headerFooter) : undefined,
  };
}
