/**
 * Typed HTTP errors. Throw one anywhere in a route; the error middleware answers
 * `{"error": message}` with its status. Messages are shown to callers: keep them free of secrets.
 */
export class HttpError extends Error {
  /** Extra fields of the response body beside `error` (e.g. `problems`); set by subclasses. */
  readonly fields?: Record<string, unknown>;

  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** 400: the request is malformed or fails validation. */
export class BadRequestError extends HttpError {
  override readonly name = 'BadRequestError';
  constructor(message = 'Bad request', options?: ErrorOptions) {
    super(400, message, options);
  }
}

/** 401: no or invalid credentials. */
export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'Unauthorized', options?: ErrorOptions) {
    super(401, message, options);
  }
}

/** 403: authenticated but not allowed. */
export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'Forbidden', options?: ErrorOptions) {
    super(403, message, options);
  }
}

/** 404: no such resource (also for resources owned by someone else). */
export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  constructor(message = 'Not found', options?: ErrorOptions) {
    super(404, message, options);
  }
}

/** 405: the path exists but not with this method; `allowedMethods` becomes the Allow header. */
export class MethodNotAllowedError extends HttpError {
  override readonly name = 'MethodNotAllowedError';
  constructor(
    method: string,
    readonly allowedMethods: readonly string[],
    options?: ErrorOptions,
  ) {
    super(405, `Method ${method} is not allowed here; use ${allowedMethods.join(', ')}`, options);
  }
}

/** 409: conflicts with the current state (duplicate, already running, idempotency key reuse). */
export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  constructor(message = 'Conflict', options?: ErrorOptions) {
    super(409, message, options);
  }
}

/** 413: the body is larger than allowed. */
export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  constructor(message = 'Request body is too large', options?: ErrorOptions) {
    super(413, message, options);
  }
}

/** 415: the body's content type is not accepted. */
export class UnsupportedMediaTypeError extends HttpError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(message = 'Unsupported media type', options?: ErrorOptions) {
    super(415, message, options);
  }
}

/** 422: well-formed but breaks a rule, e.g. the 24-hour window is closed or the flow is not active. */
export class UnprocessableEntityError extends HttpError {
  override readonly name = 'UnprocessableEntityError';
  constructor(message = 'Unprocessable entity', options?: ErrorOptions) {
    super(422, message, options);
  }
}

/** 429: rate limited; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends HttpError {
  override readonly name = 'TooManyRequestsError';
  constructor(
    message = 'Too many requests',
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(429, message, options);
  }
}

/** 502: a service we called (WhatsApp's Graph API, the LLM) failed or refused us; the caller's request was fine. */
export class BadGatewayError extends HttpError {
  override readonly name = 'BadGatewayError';
  constructor(message = 'Bad gateway', options?: ErrorOptions) {
    super(502, message, options);
  }
}

/** 504: a service we called did not answer in time; what was handed over may still happen. */
export class GatewayTimeoutError extends HttpError {
  override readonly name = 'GatewayTimeoutError';
  constructor(message = 'Gateway timeout', options?: ErrorOptions) {
    super(504, message, options);
  }
}

/** 503: a dependency is down or not configured (database, Temporal, OpenAI key missing). */
export class ServiceUnavailableError extends HttpError {
  override readonly name = 'ServiceUnavailableError';
  constructor(message = 'Service unavailable', options?: ErrorOptions) {
    super(503, message, options);
  }
}
