import type { EngineAction } from '../engine-action';
import type { FlowState } from '../flow-state';
import type { WaitSpec } from '../wait-spec';

/** The outcome of startFlow/resumeFlow: the new state, what to do now, and what to wait for next. */
export interface Step {
  state: FlowState;
  /** Perform in order: sends, effects, status changes, logs. */
  actions: EngineAction[];
  /** What the run waits for next; null when the run has ended. */
  wait: WaitSpec | null;
}
