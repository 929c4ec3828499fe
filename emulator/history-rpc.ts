import type { Engine } from './engine';
import type { CallContext } from './grpc-wiring';
import { isOpen, type Proto } from './run-state';

const DEFAULT_PAGE_SIZE = 1_000;
/** Long polls for history answer empty (with a token to poll again) after this long. */
const LONG_POLL_MS = 20_000;

/**
 * GetWorkflowExecutionHistory: pages of events (token = index of the next event) and, with
 * waitNewEvent, long-polls for new events; the CLOSE_EVENT filter returns only the closing event.
 */
export async function getHistory(engine: Engine, req: Proto, ctx: CallContext): Promise<Proto> {
  const run = engine.getRun(req.namespace, req.execution?.workflowId, req.execution?.runId);
  if (req.historyEventFilterType === 'HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT') {
    if (isOpen(run) && req.waitNewEvent) await engine.waitForHistory(run, ctx, LONG_POLL_MS);
    if (isOpen(run)) return { history: { events: [] }, nextPageToken: Buffer.from('close') };
    return { history: { events: [run.history[run.history.length - 1]] } };
  }
  let from =
    req.nextPageToken && req.nextPageToken.length > 0 ? Number(Buffer.from(req.nextPageToken).toString()) : 0;
  if (!Number.isFinite(from) || from < 0) from = 0;
  if (from >= run.history.length && isOpen(run) && req.waitNewEvent) {
    await engine.waitForHistory(run, ctx, LONG_POLL_MS);
  }
  const size = req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_PAGE_SIZE;
  const events = run.history.slice(from, from + size);
  const next = from + events.length;
  const more = next < run.history.length || (isOpen(run) && req.waitNewEvent);
  return { history: { events }, nextPageToken: more ? Buffer.from(String(next)) : undefined };
}
