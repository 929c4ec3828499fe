/**
 * A fake OpenAI-compatible server on real loopback HTTP. It serves `POST /v1/chat/completions` in OpenAI's
 * response format, records every request body (messages, image parts, `response_format` schemas) and
 * answers from a queue, a default, or an injected failure. Point the `openai` client's `baseURL` at
 * `${baseUrl}/v1`; child processes can use it too.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { ChatCompletion, ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { sendJson, startFakeHttpServer } from './fake-http-server';

/**
 * One answer. A string is the assistant's text; `json` is serialised as the content (for structured
 * output); `refusal` answers like a model that refused; `status` + `error` answers with an API error.
 */
export type FakeChatAnswer =
  | string
  | { content: string; finishReason?: 'stop' | 'length' }
  | { json: unknown }
  | { refusal: string }
  | { status: number; error: { message: string; type?: string; code?: string | null } }
  | 'timeout';

/** An answer, or a function computing one from the request (e.g. echo the last user message). */
export type FakeChatResponder = FakeChatAnswer | ((request: RecordedOpenAIRequest) => FakeChatAnswer);

export interface RecordedOpenAIRequest {
  path: string;
  authorization: string | undefined;
  /** The parsed JSON body; `body.messages`, `body.response_format` etc. */
  body: ChatCompletionCreateParams;
  status: number;
}

export interface FakeOpenAI {
  /** e.g. `http://127.0.0.1:41235/v1` — the `baseURL` an `openai` client expects. */
  baseUrl: string;
  requests: RecordedOpenAIRequest[];
  /** Answers the next request (FIFO) with this. */
  enqueue(...responders: FakeChatResponder[]): void;
  /** What to answer when the queue is empty. Defaults to a short fixed text. */
  setDefault(responder: FakeChatResponder): void;
  /** The next `n` requests fail with this HTTP status (OpenAI error shape). */
  failNext(n: number, status: number): void;
  setLatency(ms: number): void;
  reset(): void;
  stop(): Promise<void>;
}

/** The default answer when nothing was enqueued. */
export const fakeOpenAIDefaultReply = 'This is a reply from the fake model.';

/** Starts the fake on 127.0.0.1 with an OS-chosen port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedOpenAIRequest[] = [];
  const queue: FakeChatResponder[] = [];
  let fallback: FakeChatResponder = fakeOpenAIDefaultReply;
  let failures: { remaining: number; status: number } | null = null;
  let latencyMs = 0;
  let counter = 0;

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: string): void => {
    const path = req.url?.split('?')[0] ?? '';
    let body: ChatCompletionCreateParams;
    try {
      body = JSON.parse(raw) as ChatCompletionCreateParams;
    } catch {
      body = {} as ChatCompletionCreateParams;
    }
    const record: RecordedOpenAIRequest = { path, authorization: req.headers.authorization, body, status: 0 };
    requests.push(record);
    const reply = (status: number, payload: unknown): void => {
      record.status = status;
      sendJson(res, status, payload, latencyMs);
    };

    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      reply(404, openAIError(`Unknown request URL: ${req.method} ${path}`, 'invalid_request_error', null));
      return;
    }
    if (!/^Bearer .+/.test(req.headers.authorization ?? '')) {
      reply(401, openAIError("You didn't provide an API key.", 'invalid_request_error', 'invalid_api_key'));
      return;
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
      reply(
        400,
        openAIError('model and a non-empty messages array are required', 'invalid_request_error', null),
      );
      return;
    }
    if (body.stream) {
      reply(400, openAIError('This fake does not stream', 'invalid_request_error', null));
      return;
    }
    if (failures && failures.remaining > 0) {
      failures.remaining -= 1;
      const { status } = failures;
      if (failures.remaining === 0) failures = null;
      reply(
        status,
        openAIError(
          `Injected failure (${status})`,
          status >= 500 ? 'server_error' : 'invalid_request_error',
          null,
        ),
      );
      return;
    }
    const responder = queue.shift() ?? fallback;
    const answer = typeof responder === 'function' ? responder(record) : responder;
    if (answer === 'timeout') {
      server.hold(res);
      return;
    }
    if (typeof answer === 'object' && 'status' in answer) {
      reply(answer.status, {
        error: { type: 'invalid_request_error', code: null, param: null, ...answer.error },
      });
      return;
    }
    counter += 1;
    reply(200, toCompletion(`chatcmpl-fake${counter}`, body.model, answer));
  };

  const server = await startFakeHttpServer(handle);

  return {
    baseUrl: `${server.origin}/v1`,
    requests,
    enqueue: (...responders) => {
      queue.push(...responders);
    },
    setDefault: (responder) => {
      fallback = responder;
    },
    failNext: (n, status) => {
      failures = n > 0 ? { remaining: n, status } : null;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      failures = null;
      fallback = fakeOpenAIDefaultReply;
    },
    stop: () => server.stop(),
  };
}

function toCompletion(
  id: string,
  model: string,
  answer: Exclude<FakeChatAnswer, 'timeout' | { status: number }>,
): ChatCompletion {
  let content: string | null;
  let refusal: string | null = null;
  let finishReason: 'stop' | 'length' = 'stop';
  if (typeof answer === 'string') content = answer;
  else if ('json' in answer) content = JSON.stringify(answer.json);
  else if ('refusal' in answer) {
    content = null;
    refusal = answer.refusal;
  } else {
    content = answer.content;
    finishReason = answer.finishReason ?? 'stop';
  }
  const completionTokens = Math.ceil((content ?? refusal ?? '').length / 4);
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens },
    system_fingerprint: `fp_${randomBytes(4).toString('hex')}`,
  };
}

function openAIError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}
