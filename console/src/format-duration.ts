/**
 * A duration for a person: "1d 1h", "25m", "4s", "0s"; under a second, in ms ("350 ms"), so a node
 * that answers at once does not read as a zero that might be missing data.
 */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 1000) return `${Math.round(ms)} ms`;
  let seconds = Math.max(0, Math.round(ms / 1000));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
