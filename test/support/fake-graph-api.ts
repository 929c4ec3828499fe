/**
 * A fake WhatsApp Cloud API (Graph API) on real loopback HTTP. It answers
 * `POST /{version}/{phoneNumberId}/messages` like Meta does, checks the bearer token and the body shape
 * of every message type (so malformed payloads fail tests with a precise 400), records every request in
 * order, and can be told to fail, hang or slow down. Plain `http.createServer` on port 0: usable
 * in-process and from child processes (worker, API) through `baseUrl`.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { sendJson, startFakeHttpServer } from './fake-http-server';

/** A Graph error to answer with: HTTP status plus Graph's `error.code` (and optional subcode). */
export interface GraphErrorFault {
  status: number;
  code: number;
  title: string;
  subcode?: number;
  /** Graph's `error.type`; `OAuthException` unless given. */
  type?: string;
}

/**
 * What a faulty request does. `timeout` hangs without sending; `accepted-then-timeout` records the message
 * as sent (the customer gets it) and then never answers — the ambiguous case a client cannot tell apart.
 */
export type GraphFault = GraphErrorFault | 'timeout' | 'accepted-then-timeout';

/** Realistic errors, as Graph answers them. */
export const graphErrors = {
  windowClosed: { status: 400, code: 131047, title: 'Re-engagement message' },
  throughput: { status: 400, code: 130429, title: 'Rate limit hit' },
  throughputHttp429: { status: 429, code: 130429, title: 'Rate limit hit' },
  pairRate: { status: 400, code: 131056, title: '(Business Account, Consumer Account) pair rate limit hit' },
  appRateLimit: { status: 429, code: 80007, title: 'Rate limit issues' },
  invalidParameter: { status: 400, code: 131009, title: 'Parameter value is not valid' },
  internalError: { status: 500, code: 131000, title: 'Something went wrong' },
  unavailable: { status: 503, code: 2, title: 'Service temporarily unavailable', type: 'OAuthException' },
} as const satisfies Record<string, GraphErrorFault>;

/** One request as the fake received it, in arrival order. */
export interface RecordedGraphRequest {
  method: string;
  path: string;
  version: string | null;
  phoneNumberId: string | null;
  /** `to` from the body, when the body had one. */
  to: string | null;
  body: unknown;
  authorization: string | undefined;
  /** HTTP status answered; 0 when the fake never answered (timeouts). */
  status: number;
  /** Set when the message counts as sent. */
  waMessageId: string | null;
  /** Epoch ms with sub-ms precision when the request body had arrived (latency measurements). */
  receivedAt: number;
}

/** An accepted message: what the customer would have received. */
export interface SentGraphMessage {
  waMessageId: string;
  phoneNumberId: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
}

export interface FakeGraphApiOptions {
  /** Bearer tokens accepted; any non-empty token when omitted. */
  accessTokens?: string[];
}

export interface FakeGraphApi {
  /** e.g. `http://127.0.0.1:41234` — pass as the Graph base URL; the version is part of the path. */
  baseUrl: string;
  requests: RecordedGraphRequest[];
  sentMessages(): SentGraphMessage[];
  /** How many times each wamid was handed out (always 1 unless something is very wrong). */
  countByWaMessageId(): Map<string, number>;
  /** Accepted messages with the same phone number, recipient and body as an earlier one. */
  findDuplicateSends(): SentGraphMessage[];
  /** The next `n` message requests fail with `fault` (then normal service resumes). */
  failNext(n: number, fault: GraphFault): void;
  /** The next message requests, in order: each fails with its fault, or is served when null. */
  answerInOrder(faults: (GraphFault | null)[]): void;
  /** Every message request fails with `fault` until `clearFailures()`. */
  setFailureMode(fault: GraphFault): void;
  clearFailures(): void;
  /** Delay before every answer. */
  setLatency(ms: number): void;
  /** Forget recorded requests and sent messages (failures and latency stay). */
  reset(): void;
  stop(): Promise<void>;
}

const messagePath = /^\/(v\d+\.\d+)\/([^/]+)\/messages\/?$/;

/** Starts the fake on 127.0.0.1 with an OS-chosen port. */
export async function startFakeGraphApi(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
  const requests: RecordedGraphRequest[] = [];
  const sent: SentGraphMessage[] = [];
  const wamidCounts = new Map<string, number>();
  // Prefix per instance so a restarted fake never hands out a wamid an earlier one did.
  const wamidPrefix = randomBytes(6).toString('hex').toUpperCase();
  let wamidCounter = 0;
  let pendingFaults: { remaining: number; fault: GraphFault } | null = null;
  let persistentFault: GraphFault | null = null;
  let scriptedFaults: (GraphFault | null)[] = [];
  let latencyMs = 0;

  const takeFault = (): GraphFault | null => {
    if (persistentFault) return persistentFault;
    if (scriptedFaults.length > 0) return scriptedFaults.shift() ?? null;
    if (pendingFaults && pendingFaults.remaining > 0) {
      pendingFaults.remaining -= 1;
      const { fault } = pendingFaults;
      if (pendingFaults.remaining === 0) pendingFaults = null;
      return fault;
    }
    return null;
  };

  const acceptMessage = (phoneNumberId: string, body: Record<string, unknown>): string => {
    wamidCounter += 1;
    const waMessageId = `wamid.FAKE${wamidPrefix}${wamidCounter.toString(36).toUpperCase().padStart(8, '0')}`;
    wamidCounts.set(waMessageId, (wamidCounts.get(waMessageId) ?? 0) + 1);
    sent.push({ waMessageId, phoneNumberId, to: String(body.to), type: String(body.type), body });
    return waMessageId;
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: string): void => {
    const match = messagePath.exec(req.url?.split('?')[0] ?? '');
    const parsed = parseJson(raw);
    const record: RecordedGraphRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      version: match?.[1] ?? null,
      phoneNumberId: match?.[2] ?? null,
      to: isObject(parsed) && typeof parsed.to === 'string' ? parsed.to : null,
      body: parsed,
      authorization: req.headers.authorization,
      status: 0,
      waMessageId: null,
      receivedAt: performance.timeOrigin + performance.now(),
    };
    requests.push(record);
    const reply = (status: number, payload: unknown): void => {
      record.status = status;
      sendJson(res, status, payload, latencyMs);
    };
    const hang = (): void => server.hold(res);

    if (req.method !== 'POST' || !match) {
      reply(400, graphError(100, 'Unsupported post request', 'GraphMethodException'));
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || (options.accessTokens && !options.accessTokens.includes(token))) {
      reply(401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
      return;
    }
    if (parsed === undefined || !isObject(parsed)) {
      reply(400, graphError(100, 'The request body is not a JSON object'));
      return;
    }
    const problem = findPayloadProblem(parsed);
    if (problem) {
      reply(400, graphError(100, `(#100) Invalid parameter: ${problem}`, 'OAuthException', problem));
      return;
    }
    const fault = takeFault();
    if (fault === 'timeout') return hang();
    if (fault === 'accepted-then-timeout') {
      record.waMessageId = acceptMessage(match[2], parsed);
      return hang();
    }
    if (fault) {
      const message = `(#${fault.code}) ${fault.title}`;
      reply(fault.status, graphError(fault.code, message, fault.type, fault.title, fault.subcode));
      return;
    }
    record.waMessageId = acceptMessage(match[2], parsed);
    reply(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: parsed.to, wa_id: parsed.to }],
      messages: [{ id: record.waMessageId }],
    });
  };

  const server = await startFakeHttpServer(handle, { keepAliveTimeout: 60_000 });

  return {
    baseUrl: server.origin,
    requests,
    sentMessages: () => [...sent],
    countByWaMessageId: () => new Map(wamidCounts),
    findDuplicateSends: () => {
      const seen = new Set<string>();
      return sent.filter((message) => {
        const key = JSON.stringify([message.phoneNumberId, message.body]);
        if (seen.has(key)) return true;
        seen.add(key);
        return false;
      });
    },
    failNext: (n, fault) => {
      pendingFaults = n > 0 ? { remaining: n, fault } : null;
    },
    answerInOrder: (faults) => {
      scriptedFaults = [...faults];
    },
    setFailureMode: (fault) => {
      persistentFault = fault;
    },
    clearFailures: () => {
      persistentFault = null;
      pendingFaults = null;
      scriptedFaults = [];
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    reset: () => {
      requests.length = 0;
      sent.length = 0;
      wamidCounts.clear();
    },
    stop: () => server.stop(),
  };
}

function graphError(
  code: number,
  message: string,
  type = 'OAuthException',
  details?: string,
  subcode?: number,
) {
  return {
    error: {
      message,
      type,
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      ...(details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details } }),
      fbtrace_id: `Afake${randomBytes(8).toString('hex')}`,
    },
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string of 1..max characters (Graph counts characters, not bytes). */
function checkText(value: unknown, path: string, max: number): string | null {
  if (typeof value !== 'string' || value.length === 0) return `${path} must be a non-empty string`;
  if ([...value].length > max) return `${path} must be at most ${max} characters`;
  return null;
}

function checkOptionalText(value: unknown, path: string, max: number): string | null {
  return value === undefined ? null : checkText(value, path, max);
}

/** Returns the first problem with a send body, the way Graph rejects it, or null when it is valid. */
function findPayloadProblem(body: Record<string, unknown>): string | null {
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual')
    return 'recipient_type must be "individual"';
  if (typeof body.to !== 'string' || !/^\d{6,15}$/.test(body.to)) return 'to must be 6-15 digits without "+"';
  const type = body.type ?? 'text';
  if (typeof type !== 'string') return 'type must be a string';
  const content = body[type];
  if (!isObject(content)) return `${type} object is required for type "${type}"`;
  switch (type) {
    case 'text':
      if (content.preview_url !== undefined && typeof content.preview_url !== 'boolean')
        return 'text.preview_url must be a boolean';
      return checkText(content.body, 'text.body', 4096);
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker':
      return findMediaProblem(type, content);
    case 'interactive':
      return findInteractiveProblem(content);
    case 'template':
      return findTemplateProblem(content);
    default:
      return `type "${type}" is not supported by this fake`;
  }
}

function findMediaProblem(type: string, media: Record<string, unknown>): string | null {
  if ((media.link === undefined) === (media.id === undefined))
    return `${type} needs exactly one of link or id`;
  if (media.link !== undefined && (typeof media.link !== 'string' || !/^https?:\/\//.test(media.link)))
    return `${type}.link must be an http(s) URL`;
  if (media.caption !== undefined && (type === 'audio' || type === 'sticker'))
    return `${type} does not take a caption`;
  if (media.filename !== undefined && type !== 'document') return `${type} does not take a filename`;
  return (
    checkOptionalText(media.caption, `${type}.caption`, 1024) ??
    checkOptionalText(media.filename, `${type}.filename`, 240)
  );
}

function findInteractiveProblem(interactive: Record<string, unknown>): string | null {
  const body = interactive.body;
  const header = interactive.header;
  const footer = interactive.footer;
  const action = interactive.action;
  if (!isObject(body)) return 'interactive.body is required';
  if (header !== undefined && (!isObject(header) || header.type !== 'text'))
    return 'interactive.header must be {type:"text", text}';
  if (footer !== undefined && !isObject(footer)) return 'interactive.footer must be {text}';
  if (!isObject(action)) return 'interactive.action is required';
  const textProblem =
    checkText(body.text, 'interactive.body.text', interactive.type === 'list' ? 4096 : 1024) ??
    (isObject(header) ? checkText(header.text, 'interactive.header.text', 60) : null) ??
    (isObject(footer) ? checkText(footer.text, 'interactive.footer.text', 60) : null);
  if (textProblem) return textProblem;
  if (interactive.type === 'button') {
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
      return 'interactive.action.buttons must hold 1 to 3 buttons';
    const ids = new Set<unknown>();
    for (const [i, button] of buttons.entries()) {
      const reply: unknown = isObject(button) ? button.reply : undefined;
      if (!isObject(button) || button.type !== 'reply' || !isObject(reply))
        return `interactive.action.buttons[${i}] must be {type:"reply", reply:{id,title}}`;
      const problem =
        checkText(reply.id, `interactive.action.buttons[${i}].reply.id`, 256) ??
        checkText(reply.title, `interactive.action.buttons[${i}].reply.title`, 20);
      if (problem) return problem;
      if (ids.has(reply.id)) return `interactive.action.buttons[${i}].reply.id is not unique`;
      ids.add(reply.id);
    }
    return null;
  }
  if (interactive.type === 'list') {
    const sections = action.sections;
    const labelProblem = checkText(action.button, 'interactive.action.button', 20);
    if (labelProblem) return labelProblem;
    if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10)
      return 'interactive.action.sections must hold 1 to 10 sections';
    let rowCount = 0;
    for (const [s, section] of sections.entries()) {
      if (!isObject(section) || !Array.isArray(section.rows) || section.rows.length === 0)
        return `interactive.action.sections[${s}].rows must be a non-empty array`;
      if (sections.length > 1 && section.title === undefined)
        return `interactive.action.sections[${s}].title is required when there are several sections`;
      const titleProblem = checkOptionalText(section.title, `interactive.action.sections[${s}].title`, 24);
      if (titleProblem) return titleProblem;
      for (const [r, row] of (section.rows as unknown[]).entries()) {
        const path = `interactive.action.sections[${s}].rows[${r}]`;
        if (!isObject(row)) return `${path} must be an object`;
        const problem =
          checkText(row.id, `${path}.id`, 200) ??
          checkText(row.title, `${path}.title`, 24) ??
          checkOptionalText(row.description, `${path}.description`, 72);
        if (problem) return problem;
        rowCount += 1;
      }
    }
    return rowCount > 10 ? 'interactive list must hold at most 10 rows in total' : null;
  }
  return 'interactive.type must be "button" or "list"';
}

function findTemplateProblem(template: Record<string, unknown>): string | null {
  const language = template.language;
  if (typeof template.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(template.name))
    return 'template.name must be lowercase letters, digits and underscores';
  if (!isObject(language) || typeof language.code !== 'string' || language.code === '')
    return 'template.language.code is required';
  if (template.components === undefined) return null;
  if (!Array.isArray(template.components)) return 'template.components must be an array';
  for (const [i, component] of (template.components as unknown[]).entries()) {
    const path = `template.components[${i}]`;
    if (!isObject(component) || !['header', 'body', 'button'].includes(String(component.type)))
      return `${path}.type must be header, body or button`;
    if (!Array.isArray(component.parameters)) return `${path}.parameters must be an array`;
    if (component.type === 'button') {
      if (!['quick_reply', 'url', 'copy_code'].includes(String(component.sub_type)))
        return `${path}.sub_type must be quick_reply, url or copy_code`;
      if (typeof component.index !== 'string' || !/^\d$/.test(component.index))
        return `${path}.index must be a digit as a string`;
    }
    for (const [p, parameter] of (component.parameters as unknown[]).entries()) {
      if (!isObject(parameter) || typeof parameter.type !== 'string')
        return `${path}.parameters[${p}].type is required`;
      const value = parameter[parameter.type];
      if (value === undefined) return `${path}.parameters[${p}].${parameter.type} is required`;
      if (parameter.type === 'text' && (typeof value !== 'string' || value === ''))
        return `${path}.parameters[${p}].text must be a non-empty string`;
    }
  }
  return null;
}
