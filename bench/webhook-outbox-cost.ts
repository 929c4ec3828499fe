/**
 * `node --import tsx bench/webhook-outbox-cost.ts [--changes=5000] [--explain=200] [--plans]`: what
 * the webhook outbox adds to a step's row change. Seeds an embedded PostgreSQL (a tenant without
 * endpoints with 10,000 conversations, two tenants with 2 endpoints each, 40 endpoints of other
 * tenants, 5 node events per conversation) and times a typical step — a captured answer: variables,
 * current node, 2 node transitions — in three variants, interleaved (a, b, c, b, c, a, …) on different
 * conversations so load drifts hit them alike:
 *
 * - (a) the events statement of 48441c5 (`recordWebhookEventsWith` with the row read under lock),
 *   which every step changing status or variables ran;
 * - (b) the row change and node events alone, as if webhooks did not exist (the no-endpoint floor);
 * - (c) `applyConversationChange` as it is now (activities/conversation-store.ts).
 *
 * Then splits each variant's time into planning and execution, from `--explain` runs of
 * EXPLAIN (ANALYZE, BUFFERS) each, rolled back. Prints Markdown for bench/results/webhook-outbox-cost.md.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { nodeEventRowsJson, nodeEventsInsertSql } from '../activities/analytics/insert-node-events';
import {
  applyConversationChange,
  updateReturningPreviousSql,
  type ConversationChange,
} from '../activities/conversation-store';
import { CONVERSATION_CHANGE_EVENTS } from '../activities/webhooks/conversation-events';
import { recordWebhookEventsWith } from '../entities/webhook-outbox';
import { startTestDatabase } from '../test/support/database';
import { readFlag } from './command-line';
import { describeMachine, readLoadAverage } from './machine';
import { percentile } from './stats';

const changes = Number(readFlag('changes') ?? '5000');
const explainRuns = Number(readFlag('explain') ?? '200');
const synchronousCommit = readFlag('synchronous-commit');
const warmup = 300;

type Queryable = Pick<DataSource, 'query'>;
/** Applies `change` the variant's way; returns how many deliveries it recorded. */
type Variant = (db: Queryable, change: ConversationChange) => Promise<number>;

interface Case {
  name: string;
  endpoints: string[][];
  conversations: number;
}

const CASES: Case[] = [
  { name: 'no endpoints', endpoints: [], conversations: 10_000 },
  {
    name: '2 endpoints, none for variable.captured',
    endpoints: [['conversation.completed', 'conversation.failed'], ['handoff.requested']],
    conversations: 2_000,
  },
  {
    name: '2 endpoints, one for variable.captured',
    endpoints: [['variable.captured', 'conversation.completed'], ['handoff.requested']],
    conversations: 2_000,
  },
];

/** The step's parameters as conversation-store.ts numbers them for this change's shape. */
const stepParams = (change: ConversationChange) => [
  change.conversationId,
  change.currentNodeId,
  JSON.stringify(change.variables),
  nodeEventRowsJson(change.nodeEvents ?? []),
];
const SET = `SET "currentNodeId" = $2, variables = $3::jsonb, "updatedAt" = now()`;

const VARIANTS: Record<'a' | 'b' | 'c', Variant> = {
  a: async (db, change) =>
    (
      await recordWebhookEventsWith(
        db,
        {
          sql: updateReturningPreviousSql(SET),
          params: stepParams(change),
        },
        CONVERSATION_CHANGE_EVENTS,
        nodeEventsInsertSql('$1', '$4'),
      )
    ).deliveryIds.length,
  b: async (db, change) => {
    await db.query(
      `WITH change AS (UPDATE conversations ${SET} WHERE id = $1 AND "endedAt" IS NULL RETURNING id),
            also AS (${nodeEventsInsertSql('$1', '$4')})
       SELECT count(*)::int AS changed FROM change`,
      stepParams(change),
    );
    return 0;
  },
  c: async (db, change) => {
    let recorded = 0;
    await applyConversationChange(
      {
        dataSource: db as DataSource,
        now: Date.now,
        dispatchWebhooks: async (ids) => void (recorded = ids.length),
      },
      change,
    );
    return recorded;
  },
};
const NAMES = Object.keys(VARIANTS) as (keyof typeof VARIANTS)[];

/** Seeds a tenant with `endpoints` and conversations; returns the conversation ids. */
async function seedTenant(db: DataSource, index: number, tenant: Case): Promise<string[]> {
  const [{ id: userId }] = await db.query(
    `INSERT INTO users (username, "displayName", "passwordHash") VALUES ($1, $1, 'x') RETURNING id`,
    [`tenant-${index}`],
  );
  const [{ id: accountId }] = await db.query(
    `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted")
     VALUES ($1, $2, '+15550001111', 'v1:x:y:z') RETURNING id`,
    [userId, `10${index}`],
  );
  for (const types of tenant.endpoints) {
    await db.query(
      `INSERT INTO webhook_endpoints ("userId", url, "secretEncrypted", "eventTypes")
       VALUES ($1, 'https://hooks.example.com/flowbot', 'v1:x:y:z', $2)`,
      [userId, types],
    );
  }
  const rows: { id: string }[] = await db.query(
    `INSERT INTO conversations ("userId", "whatsappAccountId", "customerPhone", "triggerSource", "currentNodeId", variables)
     SELECT $1, $2, '+49151' || lpad(g::text, 8, '0'), 'lead', '3',
            jsonb_build_object('name', 'Customer ' || g, 'email', 'c' || g || '@example.com', 'answer_1', 'yes')
       FROM generate_series(1, $3::int) g
     RETURNING id`,
    [userId, accountId, tenant.conversations],
  );
  await db.query(
    `INSERT INTO node_events ("conversationId", seq, "nodeId", "nodeType", kind, at)
     SELECT c.id, s, s::text, 'question', 'entered', now() FROM conversations c, generate_series(1, 5) s
      WHERE c."userId" = $1`,
    [userId],
  );
  return rows.map((row) => row.id);
}

/** Makes the i-th step of the conversations in `ids`: a captured answer, 2 transitions. */
function stepMaker(ids: readonly string[]): (i: number) => ConversationChange {
  const transitions = new Map<string, number>(ids.map((id) => [id, 5]));
  return (i) => {
    const conversationId = ids[i % ids.length];
    const seq = transitions.get(conversationId) ?? 0;
    transitions.set(conversationId, seq + 2);
    const at = Date.now();
    return {
      conversationId,
      currentNodeId: String(seq + 2),
      variables: {
        name: 'Customer',
        email: 'c@example.com',
        answer_1: 'yes',
        [`answer_${seq}`]: `reply ${i}`,
      },
      nodeEvents: [
        {
          kind: 'left',
          nodeId: String(seq),
          port: 'output_1',
          at,
          seq: seq + 1,
          nodeType: 'question',
          spentMs: 900,
        },
        { kind: 'entered', nodeId: String(seq + 2), at, seq: seq + 2, nodeType: 'question' },
      ],
    };
  };
}

/** Median planning and execution ms of what `variant` runs, each statement EXPLAINed and rolled back. */
async function explainVariant(db: DataSource, variant: Variant, steps: ConversationChange[], plans: boolean) {
  const planning: number[] = [];
  const execution: number[] = [];
  let statements = 0;
  for (const [n, step] of steps.entries()) {
    const runner = db.createQueryRunner();
    try {
      // Runs the variant to learn its statements (a second one only exists when the first asks for it).
      const issued: [string, unknown[]][] = [];
      await runner.startTransaction();
      await variant(
        {
          query: (sql: string, params?: unknown[]) => (
            issued.push([sql, params ?? []]),
            runner.query(sql, params)
          ),
        },
        step,
      );
      await runner.rollbackTransaction();
      let plan = 0;
      let exec = 0;
      const explain = async (options: string, sql: string, params: unknown[]) => {
        await runner.startTransaction();
        const rows: Record<'QUERY PLAN', unknown>[] = await runner.query(
          `EXPLAIN (${options}) ${sql}`,
          params,
        );
        await runner.rollbackTransaction();
        return rows.map((row) => row['QUERY PLAN']);
      };
      for (const [sql, params] of issued) {
        const [[result]] = (await explain('ANALYZE, BUFFERS, FORMAT JSON', sql, params)) as Record<
          string,
          number
        >[][];
        plan += result['Planning Time'];
        exec += result['Execution Time'];
        if (plans && n === 0)
          console.log(`\n${sql}\n${(await explain('ANALYZE, BUFFERS', sql, params)).join('\n')}`);
      }
      planning.push(plan);
      execution.push(exec);
      statements = issued.length;
    } finally {
      await runner.release();
    }
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((x, y) => x - y),
      50,
    ).toFixed(3);
  return { statements, planning: median(planning), execution: median(execution) };
}

async function main(): Promise<void> {
  const database = await startTestDatabase();
  const db = database.dataSource;
  const logger = new DefaultLogger('ERROR');
  try {
    const machine = describeMachine();
    console.log(
      `${machine.cpuModel}, ${machine.cpus} cores, ${machine.totalMemoryGb} GB, ${machine.os}, Node ${machine.node}`,
    );
    const [{ server_version: version }] = await db.query('SHOW server_version');
    console.log(
      `PostgreSQL ${version} (embedded, default settings); load average at start: ${readLoadAverage().join(' ')}`,
    );
    for (let other = 0; other < 20; other++) {
      await seedTenant(db, 100 + other, {
        name: 'other',
        endpoints: [['conversation.completed'], ['variable.captured']],
        conversations: 0,
      });
    }
    const tenants: { tenant: Case; ids: string[] }[] = [];
    for (const [index, tenant] of CASES.entries())
      tenants.push({ tenant, ids: await seedTenant(db, index, tenant) });
    await db.query('VACUUM ANALYZE');
    if (synchronousCommit) {
      // Reloaded into every session: isolates the statements' own cost from the disk's flush.
      await db.query(`ALTER SYSTEM SET synchronous_commit = ${synchronousCommit === 'off' ? 'off' : 'on'}`);
      await db.query('SELECT pg_reload_conf()');
      // Each server process rereads the file when it notices the signal; give them time to.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const [{ synchronous_commit: flush }] = await db.query('SHOW synchronous_commit');
    console.log(`synchronous_commit: ${flush}`);

    const rows: string[] = [];
    const explained: string[] = [];
    await new MockActivityEnvironment(undefined, { logger }).run(async () => {
      for (const { tenant, ids } of tenants) {
        const nextStep = stepMaker(ids);
        const samples = Object.fromEntries(NAMES.map((name) => [name, [] as number[]]));
        const deliveries = Object.fromEntries(NAMES.map((name) => [name, 0]));
        let n = 0;
        for (let i = 0; i < warmup + changes; i++) {
          for (let k = 0; k < NAMES.length; k++) {
            // Rotates the order, so no variant always runs right after the same one.
            const name = NAMES[(i + k) % NAMES.length];
            const step = nextStep(n++);
            const started = performance.now();
            const recorded = await VARIANTS[name](db, step);
            if (i < warmup) continue;
            samples[name].push(performance.now() - started);
            deliveries[name] += recorded;
          }
        }
        const p50 = (name: string) =>
          percentile(
            [...samples[name]].sort((x, y) => x - y),
            50,
          );
        for (const name of NAMES) {
          const sorted = [...samples[name]].sort((x, y) => x - y);
          rows.push(
            `| ${tenant.name} | (${name}) | ${sorted.length} | ${p50(name).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${(p50(name) / p50('b')).toFixed(2)} | ${deliveries[name]} |`,
          );
        }
        for (const name of NAMES) {
          const steps = Array.from({ length: explainRuns }, (_, j) => nextStep(n + j));
          const { statements, planning, execution } = await explainVariant(
            db,
            VARIANTS[name],
            steps,
            process.argv.includes('--plans'),
          );
          explained.push(`| ${tenant.name} | (${name}) | ${statements} | ${planning} | ${execution} |`);
        }
      }
    });
    console.log(`load average at the end: ${readLoadAverage().join(' ')}\n`);
    console.log('| case | variant | changes | p50 ms | p99 ms | p50 / (b) | deliveries |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    rows.forEach((row) => console.log(row));
    console.log(
      `\nMedian of ${explainRuns} EXPLAIN (ANALYZE, BUFFERS) per variant (all its statements, rolled back):\n`,
    );
    console.log('| case | variant | statements | planning ms | execution ms |');
    console.log('| --- | --- | --- | --- | --- |');
    explained.forEach((row) => console.log(row));
  } finally {
    await database.stop();
  }
}

void main();
