/**
 * Hostile payloads: oversized and deeply nested JSON, path traversal and SQL metacharacters in ids,
 * a 10,000-node flow graph with a cycle, a PDF bomb sent to flow generation, and http_request nodes
 * aimed at loopback, cloud metadata, private ranges and IPv6-mapped addresses. Each must end in a
 * bounded time with a 4xx `{"error"}` (or a documented refusal), and the processes must live on.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createHttpRequestActivity, type HttpRequestResult } from '../../activities/http-request';
import {
  DEFAULT_PDF_LIMITS,
  extractPdfText,
  PdfReadError,
} from '../../activities/flow-generation/extract-pdf-text';
import { analyseFlowGraph } from '../../workflows/engine';
import type { HttpEffectRequest } from '../../workflows/engine/engine-action';
import { flow } from '../support/flow-builder';
import { seedFlowForAccount } from '../support/seed-tenant';
import {
  freshWaMessageId,
  nextCustomerPhone,
  phoneDigits,
  startConversationDirectly,
  waitUntil,
} from '../support/stack-driver';
import {
  callApiAsAdmin,
  HOSTILE_PDF_READ_TIMEOUT_MS,
  judgeAnswer,
  readRoutes,
  sendHostile,
  startHostileStack,
  type HostileStack,
} from './hostile-kit';

let hostile: HostileStack;
before(async () => {
  hostile = await startHostileStack();
});
after(() => hostile?.stack.stop());

const api = (path: string, init: RequestInit = {}, deadlineMs = 10_000) =>
  callApiAsAdmin(hostile, path, init, deadlineMs);

describe('oversized and deeply nested JSON', () => {
  test('a 5 MB body is refused with 413', async () => {
    const answer = await api('/api/flows', {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) }),
    });
    assert.equal(answer.status, 413, answer.text.slice(0, 200));
    assert.equal(judgeAnswer(answer), null);
  });

  for (const depth of [1_000, 100_000]) {
    test(`JSON nested ${depth} levels deep is refused without a 5xx or a hang`, async () => {
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      for (const path of [
        '/api/flows',
        `/api/webhook/flow/${hostile.tenant.flowId}/lead`,
        '/api/auth/login',
      ]) {
        const answer = await api(path, { method: 'POST', body });
        assert.ok(
          answer.status >= 400 && answer.status < 500,
          `${path}: ${answer.status} ${answer.text.slice(0, 200)}`,
        );
        assert.equal(judgeAnswer(answer), null);
      }
      // Sent as raw bytes: building it as an object would overflow this process's own stack.
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const answer = await api('/api/flows', {
        method: 'POST',
        body: `{"name":"deep","drawflowData":${objects}}`,
      });
      assert.equal(judgeAnswer(answer), null);
    });
  }
});

describe('ids with path traversal and SQL metacharacters', () => {
  const ids = [
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    "1'%20OR%20'1'%3D'1",
    "x'%3B%20DROP%20TABLE%20flows%3B--",
    '1%20UNION%20SELECT%20*%20FROM%20users',
    '%00',
    '00000000-0000-0000-0000-000000000000',
    encodeURIComponent("'); SELECT pg_sleep(5); --"),
  ];
  test('every id-taking GET of the catalogue answers 400/404 with {"error"}, quickly', async () => {
    // Every GET route with exactly one path parameter, so new routes are covered automatically.
    const paths = readRoutes(hostile.stack)
      .filter((route) => route.method === 'get' && (route.path.match(/\{\w+\}/g) ?? []).length === 1)
      .filter((route) => route.path.startsWith('/api/'))
      .map((route) => route.path.replace(/\{\w+\}/, '{id}'));
    assert.ok(paths.length >= 5, `only ${paths.length} id routes`);
    for (const path of paths) {
      for (const id of ids) {
        const answer = await api(path.replace('{id}', id), {}, 3_000);
        assert.ok(
          [400, 404].includes(answer.status),
          `${path} ${id}: ${answer.status} ${answer.text.slice(0, 200)}`,
        );
        assert.equal(judgeAnswer(answer), null);
      }
    }
    const rows: { n: string }[] = await hostile.stack.dataSource.query(`SELECT count(*) AS n FROM flows`);
    assert.ok(Number(rows[0].n) >= 1, 'the flows table is still there');
  });
  test('SQL metacharacters in lead fields are stored as text', async () => {
    const phone = nextCustomerPhone();
    const name = "Robert'); DROP TABLE conversations;--";
    const answer = await api(`/api/webhook/flow/${hostile.tenant.flowId}/lead`, {
      method: 'POST',
      body: JSON.stringify({ phone, name, source: "' OR 1=1 --" }),
    });
    assert.equal(answer.status, 200, answer.text);
    const rows: { customerName: string }[] = await hostile.stack.dataSource.query(
      `SELECT "customerName" FROM conversations WHERE "customerPhone" = $1`,
      [phone],
    );
    assert.equal(rows[0]?.customerName, name);
  });
});

describe('a 10,000-node flow graph with a cycle', () => {
  function buildHugeCyclicGraph(): Record<string, unknown> {
    const builder = flow().start().then('message', { text: 'loop head' }, { as: 'head' });
    for (let i = 0; i < 9_998; i++) builder.then('set_variable', { variable: 'v', value: `${i}` } as never);
    return builder.to('head').build() as unknown as Record<string, unknown>;
  }

  test('the validator answers in bounded time (in process)', () => {
    const graph = buildHugeCyclicGraph();
    const started = performance.now();
    const { problems } = analyseFlowGraph(graph, { trigger: 'inbound', openingTemplateProvided: false });
    const ms = performance.now() - started;
    assert.ok(ms < 5_000, `validation took ${Math.round(ms)} ms`);
    assert.ok(Array.isArray(problems));
  });

  test('the API answers a save of it in bounded time without a 5xx', async (t) => {
    const created = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'huge' }) });
    assert.equal(created.status, 201, created.text);
    const { id } = JSON.parse(created.text) as { id: string };
    const body = JSON.stringify({ drawflowData: buildHugeCyclicGraph() });
    const answer = await api(`/api/flows/${id}`, { method: 'PUT', body }, 15_000);
    t.diagnostic(
      `10,000-node cyclic graph (${body.length} bytes): ${answer.status} in ${Math.round(answer.ms)} ms`,
    );
    // 413 when the graph exceeds the 2 MB body limit, else 200/422 from the validator.
    assert.ok(
      [200, 413, 422].includes(answer.status),
      `${answer.status} ${answer.text.slice(0, 300)} (${body.length} bytes)`,
    );
    assert.equal(judgeAnswer(answer), null);
  });
});

describe('a PDF bomb sent to flow generation', () => {
  /** A PDF whose one content stream inflates to `inflatedMb` MB of zeros, on a page tree of `pages` pages. */
  function buildPdfBomb(inflatedMb: number, pages: number): Buffer {
    const deflater = zlib.deflateSync(Buffer.alloc(inflatedMb * 1024 * 1024), { level: 9 });
    const parts: Buffer[] = [];
    const offsets: number[] = [];
    let length = 0;
    const push = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      parts.push(buffer);
      length += buffer.length;
    };
    const object = (id: number, body: string | Buffer[]) => {
      offsets[id] = length;
      push(`${id} 0 obj\n`);
      if (typeof body === 'string') push(body);
      else body.forEach(push);
      push('\nendobj\n');
    };
    push('%PDF-1.4\n');
    object(1, '<< /Type /Catalog /Pages 2 0 R >>');
    const kids = Array.from({ length: pages }, () => '4 0 R').join(' ');
    object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
    object(3, [
      Buffer.from(`<< /Length ${deflater.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
      deflater,
      Buffer.from('\nendstream', 'latin1'),
    ]);
    object(4, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>');
    const xref = length;
    push(
      `xref\n0 5\n0000000000 65535 f \n${[1, 2, 3, 4].map((id) => `${String(offsets[id]).padStart(10, '0')} 00000 n \n`).join('')}`,
    );
    push(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    return Buffer.concat(parts);
  }

  // Deflating 512 MB takes seconds: one bomb for both tests.
  const bomb = buildPdfBomb(512, 20_000);

  test('the text extractor stops within its limits (in process)', { timeout: 60_000 }, async (t) => {
    const started = performance.now();
    const limits = { ...DEFAULT_PDF_LIMITS, timeoutMs: HOSTILE_PDF_READ_TIMEOUT_MS };
    const outcome = await extractPdfText(bomb, limits).then(
      (result) => `read ${result.text.length} characters`,
      (error: unknown) => {
        assert.ok(error instanceof PdfReadError, `unexpected failure: ${String(error)}`);
        return `refused: ${error.message}`;
      },
    );
    const ms = performance.now() - started;
    t.diagnostic(`extractor on the bomb: ${outcome} in ${Math.round(ms)} ms`);
    assert.ok(ms < limits.timeoutMs + 10_000, `took ${Math.round(ms)} ms`);
  });

  test('is answered in bounded time, and the API and worker survive', { timeout: 180_000 }, async (t) => {
    const form = new FormData();
    form.set('prompt', 'Build a support flow from this document');
    form.set('file', new Blob([bomb], { type: 'application/pdf' }), 'bomb.pdf');
    const answer = await sendHostile(
      `${hostile.stack.apiUrl}/api/flows/generate`,
      { method: 'POST', headers: { authorization: `Bearer ${hostile.apiToken}` }, body: form },
      120_000,
    );
    assert.ok(answer.status !== -1, `no answer within 120 s`);
    if (answer.status === 404 || answer.status === 405) {
      t.skip('POST /api/flows/generate is not mounted in buildApp yet');
      return;
    }
    t.diagnostic(
      `PDF bomb (${bomb.length} bytes, 512 MB inflated, 20,000 pages): ${answer.status} in ${Math.round(answer.ms)} ms: ${answer.text.slice(0, 160)}`,
    );
    // 4xx (unreadable PDF) or the documented 502 (the model never produced a valid flow).
    assert.equal(
      judgeAnswer(answer, [502]),
      null,
      `${answer.status} ${answer.text.slice(0, 300)} (${bomb.length} bytes)`,
    );
    assert.equal(hostile.stack.api.process.exitCode, null, 'API alive');
    assert.ok(
      hostile.stack.workers.length > 0 && hostile.stack.workers[0].process.exitCode === null,
      'worker alive',
    );
    const health = await sendHostile(`${hostile.stack.apiUrl}/healthz`, {});
    assert.equal(health.status, 200);
  });
});

describe('SSRF targets in http_request nodes are refused', () => {
  let listener: http.Server;
  let hits = 0;
  let port = 0;
  before(async () => {
    listener = http.createServer((_req, res) => {
      hits += 1;
      res.end('{"secret":"internal"}');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => listener.close(() => resolve())));

  const targets = () => [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://127.1:${port}/`,
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[fe80::1]/',
    `file:///etc/passwd`,
    `gopher://127.0.0.1:${port}/`,
  ];

  test('the activity refuses every target before connecting', async () => {
    const { performHttpRequest } = createHttpRequestActivity({
      allowPrivateNetworks: false,
      defaultTimeoutMs: 2_000,
    });
    const environment = new MockActivityEnvironment();
    for (const url of targets()) {
      const request: HttpEffectRequest = { method: 'GET', url, headers: {} };
      const result = (await environment.run(performHttpRequest, request)) as HttpRequestResult;
      assert.equal(result.ok, false, `${url} was fetched`);
    }
    assert.equal(hits, 0, 'the loopback listener was reached');
  });

  test(
    'a running flow takes the failure branch and the loopback listener is never hit',
    { timeout: 120_000 },
    async () => {
      const { stack, tenant } = hostile;
      const document = flow()
        .start()
        .then(
          'http_request',
          { method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutSeconds: 2 },
          { as: 'call' },
        )
        .then('message', { text: 'reached' })
        .then('end', {})
        .at('call', 'failure')
        .then('message', { text: 'refused' })
        .then('end', {})
        .build() as unknown as Record<string, unknown>;
      const flowId = await seedFlowForAccount(
        stack.dataSource,
        tenant,
        tenant.accounts[0].id,
        stack.secrets.dataEncryptionKey,
        document,
      );
      const phone = nextCustomerPhone();
      await startConversationDirectly(stack, tenant, {
        phone,
        flowId,
        trigger: {
          source: 'inbound',
          firstMessage: { waMessageId: freshWaMessageId(), type: 'text', text: 'hi', sentAt: Date.now() },
        },
      });
      const to = phoneDigits(phone);
      assert.ok(
        await waitUntil(() => stack.graph.sentMessages().some((m) => m.to === to), 60_000),
        'the flow sent nothing',
      );
      const texts = stack.graph
        .sentMessages()
        .filter((m) => m.to === to)
        .map((m) => (m.body.text as { body: string }).body);
      assert.deepEqual(texts, ['refused']);
      assert.equal(hits, 0);
    },
  );
});
