/** The activity interface the conformance workflows call; each test supplies its own implementation. */
export interface ConformanceActivities {
  echo(value: string): Promise<string>;
  flaky(failTimes: number): Promise<number>;
  failHard(): Promise<void>;
  resumable(): Promise<string>;
  waitForCancel(): Promise<string>;
  sleepy(ms: number): Promise<string>;
}
