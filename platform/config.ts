import path from 'node:path';
import { z } from 'zod';
import { loadDevSecrets, type DevSecretName } from './dev-secrets';
import { parseEncryptionKey } from './secrets';

/** Thrown by {@link loadConfig}; `message` is one line naming every problem, `problems` lists them. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** The validated process configuration. Secrets are kept here only; never log this object whole. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  /** Undefined means "run an embedded PostgreSQL under dataDir". */
  databaseUrl: string | undefined;
  /** Absolute path of the local data folder (embedded PostgreSQL, dev secrets, Temporal dev server state). */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicBaseUrl: string;
  jwtSecret: string;
  /** 32-byte AES-256-GCM key for secrets at rest (see platform/secrets.ts). */
  dataEncryptionKey: Buffer;
  temporal: {
    /** host:port of the Temporal frontend; undefined means "start the Temporal dev server" (`npm start`). */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    /** Frontend port of the dev server `npm start` runs when `address` is unset. */
    devServerPort: number;
    /** Web UI port of that dev server. */
    devServerUiPort: number;
    /**
     * Base URL of the Temporal Web UI the console links runs to (no trailing slash); undefined
     * means no link. `npm start` fills it with its dev server's UI when unset.
     */
    webUiUrl: string | undefined;
  };
  whatsapp: {
    graphBaseUrl: string;
    graphVersion: string;
    appSecret: string;
    verifyToken: string;
    messagesPerSecond: number;
  };
  openai: {
    /** Undefined means AI nodes are not configured (they answer 503 / take their failure edge). */
    apiKey: string | undefined;
    baseUrl: string;
    model: string;
    timeoutMs: number;
  };
  /** AI flow generation from documents. */
  flowGeneration: {
    /** Bound on reading one uploaded PDF's text (a worker thread, stopped when it runs over). */
    pdfReadTimeoutMs: number;
  };
  /**
   * How many proxies in front of the API append to X-Forwarded-For (TRUST_PROXY_HOPS; TRUST_PROXY=true
   * means 1). Above 0, X-Forwarded-* are trusted (Koa `app.proxy`: Secure cookies, client addresses
   * for login limits) and the client address is the Nth from the right of X-Forwarded-For: the
   * addresses left of it were written by the client and prove nothing. 0 (default): no proxy.
   */
  proxyHops: number;
  /** Worker sizing; unset fields keep worker/create-worker.ts's measured defaults. */
  worker: {
    maxCachedWorkflows?: number;
    maxConcurrentWorkflowTasks?: number;
    /** Keep all `maxConcurrentWorkflowTasks` slots open instead of following task durations. */
    fixedWorkflowTaskSlots: boolean;
    /** Log the worker's memory this often (0 = never). */
    memoryReportMs: number;
    /**
     * Absolute path of a workflow bundle built beforehand (`npm run build:workflows`); undefined means
     * the worker bundles the workflows itself when it starts.
     */
    workflowBundlePath?: string;
  };
  /** Bound of a graceful stop (SIGINT/SIGTERM); past it the process exits and its servers are killed. */
  stopTimeoutMs: number;
  httpNode: {
    /** Whether the http_request node may call private/loopback addresses (off in production). */
    allowPrivate: boolean;
  };
  /** Event webhooks out: when a failing delivery is tried again (workflows/webhook-delivery-definitions.ts). */
  webhooks: {
    retry: { initialIntervalMs: number; maximumIntervalMs: number; giveUpAfterMs: number };
  };
}

/** Options of {@link loadConfig} for entry points with stricter needs. */
export interface LoadConfigOptions {
  /** Report TEMPORAL_ADDRESS as missing when unset (`npm run api`, `npm run worker`). */
  requireTemporalAddress?: boolean;
  /** Report DATABASE_URL as missing when unset (processes that cannot own the embedded database). */
  requireDatabaseUrl?: boolean;
  /** Base for a relative DATA_DIR; defaults to the process working directory. */
  cwd?: string;
}

const SECRET_VARIABLES: Record<DevSecretName, string> = {
  jwtSecret: 'JWT_SECRET',
  dataEncryptionKey: 'DATA_ENCRYPTION_KEY',
  whatsappAppSecret: 'WHATSAPP_APP_SECRET',
  whatsappVerifyToken: 'WHATSAPP_VERIFY_TOKEN',
};

const httpUrl = z
  .string()
  .refine((value) => /^https?:$/.test(URL.parse(value)?.protocol ?? ''), {
    error: 'must be an http(s) URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));
const positiveInt = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a positive integer' })
    .transform(Number)
    .refine((n) => n > 0, { error: 'must be a positive integer' })
    .default(fallback);
const wholeNumber = z.string().regex(/^\d+$/, { error: 'must be a whole number ≥ 0' }).transform(Number);
/** `true`/`1` or `false`/`0`; unset is false. */
const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')
  .default(false);
const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a port number' })
    .transform(Number)
    .refine((n) => n <= 65535, { error: 'must be a port number' })
    .default(fallback);
const text = (fallback?: string) => (fallback === undefined ? z.string() : z.string().default(fallback));

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { error: 'must be development, test or production' })
    .default('development'),
  PORT: port(3000),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:$/.test(URL.parse(value)?.protocol ?? ''), {
      error: 'must be a postgres:// URL',
    })
    .optional(),
  DATA_DIR: text('./.data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  PUBLIC_BASE_URL: httpUrl.optional(),
  JWT_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => parseEncryptionKey(value) !== undefined, {
      error: 'must be 32 bytes written as 64 hex characters or base64',
    })
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^\s:/[\]]+):\d{1,5}$/, { error: 'must be host:port' })
    .optional(),
  TEMPORAL_NAMESPACE: text('default'),
  TEMPORAL_TASK_QUEUE: text('flowbot'),
  // Temporal's usual defaults, so its docs and CLI work as written.
  TEMPORAL_DEV_SERVER_PORT: port(7233),
  TEMPORAL_DEV_SERVER_UI_PORT: port(8233),
  TEMPORAL_WEB_UI_URL: httpUrl.optional(),
  WHATSAPP_GRAPH_BASE_URL: httpUrl.default('https://graph.facebook.com'),
  WHATSAPP_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, { error: 'must look like v23.0' })
    .default('v23.0'),
  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_MESSAGES_PER_SECOND: positiveInt(80),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: httpUrl.default('https://api.openai.com/v1'),
  OPENAI_MODEL: text('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: positiveInt(30_000),
  PDF_READ_TIMEOUT_MS: positiveInt(20_000),
  TRUST_PROXY: flag,
  TRUST_PROXY_HOPS: wholeNumber.optional(),
  HTTP_NODE_ALLOW_PRIVATE: flag,
  WEBHOOK_RETRY_INITIAL_INTERVAL_MS: positiveInt(10_000),
  WEBHOOK_RETRY_MAX_INTERVAL_MS: positiveInt(30 * 60_000),
  WEBHOOK_RETRY_FOR_MS: positiveInt(24 * 60 * 60_000),
  WORKER_MAX_CACHED_WORKFLOWS: wholeNumber.optional(),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: wholeNumber.optional(),
  WORKER_FIXED_WORKFLOW_TASK_SLOTS: flag,
  WORKER_MEMORY_REPORT_MS: wholeNumber.default(0),
  WORKFLOW_BUNDLE_PATH: z.string().min(1, { error: 'must be a file path' }).optional(),
  STOP_TIMEOUT_MS: positiveInt(30_000),
});

/** Every variable {@link loadConfig} reads; the README's configuration table documents each one. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/**
 * Reads and validates the whole configuration from environment variables, in one place.
 *
 * Empty values count as unset. In development and test, the secrets JWT_SECRET, DATA_ENCRYPTION_KEY,
 * WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are generated once when not given and kept in
 * `DATA_DIR/dev-secrets.json` (mode 0600); with NODE_ENV=production they, DATABASE_URL and
 * PUBLIC_BASE_URL are required (an embedded database and a localhost URL make no sense there).
 * TEMPORAL_ADDRESS is required by the processes that ask for it (`requireTemporalAddress`).
 *
 * @throws ConfigError naming every missing or malformed variable in one line.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const input = Object.fromEntries(
    CONFIG_VARIABLES.map((name) => [name, env[name]?.trim() ? env[name]?.trim() : undefined]),
  );
  const parsed = schema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
  const production = (input.NODE_ENV ?? 'development') === 'production';
  const requireVariable = (name: keyof typeof input, why: string) => {
    if (input[name] === undefined) problems.push(`${name} is required ${why}`);
  };
  if (production) {
    for (const name of [...Object.values(SECRET_VARIABLES), 'DATABASE_URL', 'PUBLIC_BASE_URL']) {
      requireVariable(name as keyof typeof input, 'when NODE_ENV=production');
    }
  }
  if (parsed.success && parsed.data.TRUST_PROXY && parsed.data.TRUST_PROXY_HOPS === 0) {
    problems.push('TRUST_PROXY_HOPS must be at least 1 when TRUST_PROXY=true');
  }
  if (options.requireTemporalAddress) requireVariable('TEMPORAL_ADDRESS', 'to run this process');
  if (options.requireDatabaseUrl) requireVariable('DATABASE_URL', 'to run this process');
  if (!parsed.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);

  const values = parsed.data;
  const dataDir = path.resolve(options.cwd ?? process.cwd(), values.DATA_DIR);
  const given: Partial<Record<DevSecretName, string>> = {
    jwtSecret: values.JWT_SECRET,
    dataEncryptionKey: values.DATA_ENCRYPTION_KEY,
    whatsappAppSecret: values.WHATSAPP_APP_SECRET,
    whatsappVerifyToken: values.WHATSAPP_VERIFY_TOKEN,
  };
  const secrets = loadDevSecrets(dataDir, given);

  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    dataDir,
    logLevel: values.LOG_LEVEL,
    publicBaseUrl: values.PUBLIC_BASE_URL ?? `http://localhost:${values.PORT}`,
    jwtSecret: secrets.jwtSecret,
    dataEncryptionKey: parseEncryptionKey(secrets.dataEncryptionKey) as Buffer,
    temporal: {
      address: values.TEMPORAL_ADDRESS,
      namespace: values.TEMPORAL_NAMESPACE,
      taskQueue: values.TEMPORAL_TASK_QUEUE,
      devServerPort: values.TEMPORAL_DEV_SERVER_PORT,
      devServerUiPort: values.TEMPORAL_DEV_SERVER_UI_PORT,
      webUiUrl: values.TEMPORAL_WEB_UI_URL,
    },
    whatsapp: {
      graphBaseUrl: values.WHATSAPP_GRAPH_BASE_URL,
      graphVersion: values.WHATSAPP_GRAPH_VERSION,
      appSecret: secrets.whatsappAppSecret,
      verifyToken: secrets.whatsappVerifyToken,
      messagesPerSecond: values.WHATSAPP_MESSAGES_PER_SECOND,
    },
    openai: {
      apiKey: values.OPENAI_API_KEY,
      baseUrl: values.OPENAI_BASE_URL,
      model: values.OPENAI_MODEL,
      timeoutMs: values.OPENAI_TIMEOUT_MS,
    },
    flowGeneration: { pdfReadTimeoutMs: values.PDF_READ_TIMEOUT_MS },
    proxyHops: values.TRUST_PROXY_HOPS ?? (values.TRUST_PROXY ? 1 : 0),
    stopTimeoutMs: values.STOP_TIMEOUT_MS,
    httpNode: { allowPrivate: values.HTTP_NODE_ALLOW_PRIVATE },
    webhooks: {
      retry: {
        initialIntervalMs: values.WEBHOOK_RETRY_INITIAL_INTERVAL_MS,
        maximumIntervalMs: values.WEBHOOK_RETRY_MAX_INTERVAL_MS,
        giveUpAfterMs: values.WEBHOOK_RETRY_FOR_MS,
      },
    },
    worker: {
      maxCachedWorkflows: values.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTasks: values.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      fixedWorkflowTaskSlots: values.WORKER_FIXED_WORKFLOW_TASK_SLOTS,
      memoryReportMs: values.WORKER_MEMORY_REPORT_MS,
      workflowBundlePath:
        values.WORKFLOW_BUNDLE_PATH &&
        path.resolve(options.cwd ?? process.cwd(), values.WORKFLOW_BUNDLE_PATH),
    },
  };
}
