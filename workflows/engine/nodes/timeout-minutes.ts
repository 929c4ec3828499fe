/** Minutes from node data (`timeoutMinutes`, see node-field-schemas.ts) to the milliseconds a wait needs. */
export function minutesToMs(minutes: number | undefined): number | undefined {
  return minutes === undefined ? undefined : Math.round(minutes * 60_000);
}
