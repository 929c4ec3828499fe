/** The activity interface the conformance workflows call; each test supplies its own implementation. */
export interface ConformanceActivities {
  echo(value: string): Promise<string>;
  flaky(failTimes: number): Promise<number>;
  failHard(): Promise<void>;
  resumable(): Promise<string>;
  waitForCancel(): Promise<string>;
  sleepy(ms: number): Promise<string>;
  /** Signals the calling workflow once (`add` 1); later calls do nothing. */
  signalOwnWorkflow(): Promise<void>;
}
