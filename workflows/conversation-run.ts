/**
 * One conversation run: the flow interpreter's state, the inbox of events the signals deliver, and the
 * loop that performs the engine's actions and waits as the engine says. Deterministic code only; the
 * workflow file wires Temporal's handlers to it.
 *
 * Events are handled one at a time, in arrival order: signals only append to the inbox, so a message
 * arriving while a send or an LLM call is in flight waits its turn instead of interleaving with it.
 */
import { condition, log, patched, workflowInfo } from '@temporalio/workflow';
import type { ConversationChange, StepSend } from '../activities';
import {
  EngineInvariantError,
  failBrokenRun,
  isFlowEnded,
  parseFlowGraph,
  resumeFlow,
  startFlow,
  waitTimer,
  waitingFor,
  windowClosesAt,
  type EngineAction,
  type FlowEvent,
  type FlowGraph,
  type FlowState,
  type NodeTransition,
  type Step,
} from './engine/runtime';
import {
  DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS,
  MAX_HISTORY_EVENTS_PER_RUN,
  type CarriedConversationState,
  type ConversationSnapshot,
  type ConversationWorkflowInput,
  type ConversationWorkflowResult,
  type CustomerMessage,
  type LegacyConversationWorkflowInput,
} from './definitions';
import { ConversationMirror, type PendingChange } from './conversation-mirror';
import type { FlowActivityCalls } from './flow-activity-calls';
import { summarizeWaitTimer } from './run-summaries';
import { SeenMessageIds } from './seen-message-ids';

/**
 * The graph the run walks: the snapshot the API compiled (trusted, not checked again), or for a run
 * started before snapshots existed, its Drawflow document parsed as it was then.
 */
function graphOf(input: ConversationWorkflowInput | LegacyConversationWorkflowInput): FlowGraph {
  return 'flow' in input ? input.flow : parseFlowGraph(input.drawflowData);
}

/** Marks runs that continue-as-new at {@link MAX_HISTORY_EVENTS_PER_RUN} (see shouldContinueAsNew). */
const HISTORY_BOUND_PATCH = 'continue-as-new-at-history-bound';

/**
 * Marks runs that perform a step's sends and row change in one `performStep` activity (see step()).
 * Runs recorded before it replay their one-activity-per-send histories through perform() + mirror().
 */
const ONE_ACTIVITY_PER_STEP_PATCH = 'one-activity-per-step';

/**
 * Marks runs that record a step's node transitions with a `recordConversationChange` of their own when
 * the step schedules no other activity (a delay looping back to itself). Every other step carries its
 * transitions in the activity it already schedules, which replays unchanged.
 */
const NODE_ANALYTICS_PATCH = 'node-analytics';

/** How `run()` ends: with the run's result, or with the state to continue-as-new with. */
export type RunOutcome =
  | { kind: 'ended'; result: ConversationWorkflowResult }
  | { kind: 'continue'; carried: CarriedConversationState };

export class ConversationRun {
  private readonly graph: FlowGraph;
  private readonly seen: SeenMessageIds;
  private readonly inbox: FlowEvent[] = [];
  private state: FlowState;
  /** The first step (the opening): its actions and transitions, performed when `run()` starts. */
  private readonly opening: StepWork;
  private effectsInFlight = 0;
  private handledEvents = 0;
  private readonly row = new ConversationMirror();

  constructor(
    private readonly input: ConversationWorkflowInput | LegacyConversationWorkflowInput,
    private readonly calls: FlowActivityCalls,
  ) {
    this.graph = graphOf(input);
    this.seen = new SeenMessageIds(input.carried?.seenMessageIds);
    if (input.carried) {
      this.state = input.carried.flowState as FlowState;
      this.opening = { actions: [], transitions: [] };
    } else {
      const step = this.begin();
      this.state = step.state;
      this.opening = step;
    }
  }

  /** customerMessageSignal: ignored when its wamid was seen before (webhooks are at-least-once). */
  receiveCustomerMessage(message: CustomerMessage): void {
    if (!this.seen.add(message.waMessageId)) {
      log.info('Duplicate customer message ignored', { waMessageId: message.waMessageId });
      return;
    }
    this.inbox.push({
      type: 'customer_message',
      messageId: message.waMessageId,
      text: message.text,
      ...(message.replyId === undefined ? {} : { payload: message.replyId }),
      at: Date.now(),
    });
  }

  takeOver(agentId: string | undefined): void {
    this.inbox.push({ type: 'agent_takeover', at: Date.now(), ...(agentId ? { agentId } : {}) });
  }

  release(): void {
    this.inbox.push({ type: 'agent_release', at: Date.now() });
  }

  stop(reason: string | undefined): void {
    this.inbox.push({ type: 'stop', at: Date.now(), ...(reason ? { reason } : {}) });
  }

  /** conversationStateQuery. */
  snapshot(): ConversationSnapshot {
    const closesAt = windowClosesAt(this.state);
    return {
      status: this.state.status,
      currentNodeId: this.state.nodeId,
      variables: this.state.variables,
      windowClosesAt: closesAt !== null && closesAt > Date.now() ? closesAt : null,
      waitingFor: waitingFor(this.state),
    };
  }

  /** Performs the opening, then handles events until the flow ends or the run should continue-as-new. */
  async run(): Promise<RunOutcome> {
    await this.step(this.opening);
    while (!isFlowEnded(this.state)) {
      const event = await this.nextEvent();
      const work = this.apply(() => resumeFlow(this.graph, this.state, event));
      this.handledEvents += 1;
      await this.step(work);
      if (this.shouldContinueAsNew()) {
        return { kind: 'continue', carried: { flowState: this.state, seenMessageIds: this.seen.toArray() } };
      }
    }
    return {
      kind: 'ended',
      result: {
        status: this.state.status as ConversationWorkflowResult['status'],
        reason: this.state.reason,
        variables: this.state.variables,
        lastNodeId: this.state.nodeId,
      },
    };
  }

  private begin(): Step {
    const { trigger, variables } = this.input;
    const now = Date.now();
    if (trigger.source === 'inbound') this.seen.add(trigger.firstMessage.waMessageId);
    return this.guard(() =>
      startFlow(this.graph, {
        now,
        trigger: trigger.source,
        variables,
        ...(trigger.source === 'outbound' ? { openingTemplate: trigger.openingTemplate } : {}),
        ...(trigger.source === 'inbound'
          ? {
              inboundMessage: { text: trigger.firstMessage.text, at: now },
            }
          : {}),
      }),
    );
  }

  /** Takes the step's state and returns its actions to perform and transitions to record. */
  private apply(resume: () => Step): StepWork {
    const step = this.guard(resume);
    this.state = step.state;
    return step;
  }

  /**
   * A broken engine invariant is a bug in FlowBot, not in the flow: the run is failed (and the
   * conversation row says so) instead of retrying the workflow task forever. Its `ended` transition
   * rides on the activity that records the failed status, so replayed histories keep their commands.
   */
  private guard(compute: () => Step): Step {
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof EngineInvariantError)) throw error;
      log.error('Flow engine invariant broken; the run fails', { error: error.message });
      // this.state is only undefined when startFlow itself broke.
      const before = this.state as FlowState | undefined;
      return failBrokenRun(this.graph, before, this.input.trigger.source, Date.now());
    }
  }

  /** The next event: from the inbox, or the current wait's timer when it expires first. */
  private async nextEvent(): Promise<FlowEvent> {
    const { wait } = this.state;
    const timer = wait ? waitTimer(wait) : null;
    if (this.inbox.length === 0) {
      if (wait === null || timer === null) {
        await condition(() => this.inbox.length > 0);
      } else {
        const remaining = timer.deadlineAt - Date.now();
        const summary = summarizeWaitTimer(wait, remaining, timer.deadlineAt === windowClosesAt(this.state));
        const arrived =
          remaining > 0 && (await condition(() => this.inbox.length > 0, remaining, { summary }));
        if (!arrived) return { type: 'timer_fired', timerId: timer.timerId, at: Date.now() };
      }
    }
    return this.inbox.shift() as FlowEvent;
  }

  /**
   * Performs a step's actions, then mirrors the step into the conversations row, in as few activities
   * as the actions allow: the step's sends go in one `performStep`, and the batch with the last send
   * carries the row change (which does not depend on what the sends return). An effect splits the
   * sends, those before it going first, as the flow reads; log and status lines do not (they only log).
   */
  private async step({ actions, transitions }: StepWork): Promise<void> {
    if (!patched(ONE_ACTIVITY_PER_STEP_PATCH)) {
      await this.perform(actions);
      await this.mirror(transitions);
      return;
    }
    const { conversationId } = this.input;
    const mirror = this.row.changeFor(conversationId, this.state);
    const change = withNodeEvents(conversationId, mirror?.change ?? null, transitions);
    const lastSend = actions.map((action) => action.type).lastIndexOf('send');
    let sends: StepSend[] = [];
    const sendBatch = async (withChange: boolean) => {
      const recorded = await this.calls.performStep(
        conversationId,
        sends,
        this.state.lastCustomerMessageAt,
        withChange ? change : null,
      );
      if (mirror && withChange && recorded) this.row.markWritten(mirror);
      sends = [];
    };
    for (const [index, action] of actions.entries()) {
      if (action.type === 'send') {
        sends.push({ nodeId: action.nodeId, message: action.message });
        continue;
      }
      if (action.type === 'effect' && sends.length > 0) await sendBatch(lastSend < index);
      this.performOther(action);
    }
    if (sends.length > 0) await sendBatch(true);
    else if (lastSend === -1) await this.recordChange(mirror, change);
  }

  /**
   * Records a step's row change (with its transitions) when no send carried it. Transitions alone get
   * an activity only in runs that have the analytics patch: older histories have none there.
   */
  private async recordChange(mirror: PendingChange | null, change: ConversationChange | null): Promise<void> {
    if (change === null || (mirror === null && !patched(NODE_ANALYTICS_PATCH))) return;
    if ((await this.calls.record(change)) && mirror) this.row.markWritten(mirror);
  }

  /** Performs actions in order; effects run alongside and answer through the inbox. */
  private async perform(actions: EngineAction[]): Promise<void> {
    const { conversationId } = this.input;
    for (const action of actions) {
      if (action.type === 'send') {
        await this.calls.send(
          conversationId,
          action.nodeId,
          action.message,
          this.state.lastCustomerMessageAt,
        );
      } else {
        this.performOther(action);
      }
    }
  }

  /** Everything but a send: effects start and answer through the inbox; status and log lines are logged. */
  private performOther(action: Exclude<EngineAction, { type: 'send' }>): void {
    const { conversationId } = this.input;
    switch (action.type) {
      case 'effect':
        this.effectsInFlight += 1;
        void this.calls.runEffect(action).then((result) => {
          this.effectsInFlight -= 1;
          this.inbox.push(result);
        });
        break;
      case 'status':
        log.info('Conversation status changed', {
          conversationId,
          status: action.status,
          ...(action.reason ? { reason: action.reason } : {}),
        });
        break;
      case 'log':
        log[action.level](action.message, { conversationId, nodeId: action.nodeId });
        break;
    }
  }

  /** Writes what changed since the last write (status, node, variables, window) to the row. */
  private async mirror(transitions: NodeTransition[]): Promise<void> {
    const { conversationId } = this.input;
    const mirror = this.row.changeFor(conversationId, this.state);
    await this.recordChange(mirror, withNodeEvents(conversationId, mirror?.change ?? null, transitions));
  }

  /**
   * Only between events, with nothing queued or in flight, so no signal and no effect result is
   * lost in the switch; a signal that arrives in the same task makes Temporal replay it first.
   */
  private shouldContinueAsNew(): boolean {
    if (isFlowEnded(this.state) || this.inbox.length > 0 || this.effectsInFlight > 0) return false;
    const limit = this.input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || this.handledEvents >= limit) return true;
    // Runs started before the history bound existed replay without it (patched is false for them).
    return info.historyLength >= MAX_HISTORY_EVENTS_PER_RUN && patched(HISTORY_BOUND_PATCH);
  }
}

/** What a step leaves the run to do: the actions to perform and the transitions to record. */
type StepWork = Pick<Step, 'actions' | 'transitions'>;

/**
 * The row change with the step's transitions riding on it (a change of its own when the row did
 * not change); null when there is neither.
 */
function withNodeEvents(
  conversationId: string,
  change: ConversationChange | null,
  transitions: NodeTransition[],
): ConversationChange | null {
  if (transitions.length === 0) return change;
  return { ...(change ?? { conversationId }), nodeEvents: transitions };
}
