/**
 * Calls `onOrphaned` once when this process's parent exits (we are re-parented to init or a
 * subreaper, so `process.ppid` changes). Polls: a getter call every `intervalMs` costs nothing, and
 * unlike a pipe or IPC channel it works whatever the parent gave us as stdin. Returns a cancel function.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
