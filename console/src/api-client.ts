/**
 * The console's one way to call the API: same origin, the session cookie (HttpOnly, never read by
 * this code), JSON in and out. A non-2xx answer becomes an {@link ApiError} carrying the API's
 * `{"error"}` message and, for an invalid flow, its `problems`.
 */

/** One validator finding, as the API and the engine report it. */
export interface FlowProblem {
  code: string;
  path: string;
  nodeId?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }

  get problems(): FlowProblem[] {
    return Array.isArray(this.body.problems) ? (this.body.problems as FlowProblem[]) : [];
  }
}

/** Called when any request answers 401: the session is gone, show the login page. */
let onUnauthorized: () => void = () => undefined;

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Sends a request to the API and returns its parsed JSON (undefined for an empty body). */
export async function api<T>(
  path: string,
  init: { method?: string; json?: unknown; body?: FormData } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(path, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const errorBody = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
      string,
      unknown
    >;
    const message = typeof errorBody.error === 'string' ? errorBody.error : `HTTP ${response.status}`;
    if (response.status === 401 && path !== '/api/auth/login') onUnauthorized();
    throw new ApiError(response.status, message, errorBody);
  }
  return parsed as T;
}

/** The message of an error for a person. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
