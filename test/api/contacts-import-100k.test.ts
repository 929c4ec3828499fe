/**
 * The CSV import at its limit, 100,000 rows through real HTTP on a real PostgreSQL (no Temporal
 * needed): with a few bad rows it refuses the file with their lines and writes nothing; without,
 * it creates every contact, and a second run updates every one. Runs with FLOWBOT_FULL_TESTS=1
 * only (it takes tens of seconds); the times are reported as diagnostics, not asserted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_IMPORT_ROWS } from '../../api/contacts/parse-contacts-csv';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

const FULL = process.env.FLOWBOT_FULL_TESTS === '1';

let api: ApiHarness;
let cookie: string;
let accountId: string;

describe('CSV import of 100,000 contacts', { skip: FULL ? false : 'set FLOWBOT_FULL_TESTS=1' }, () => {
  before(async () => {
    api = await startApiHarness();
    const owner = await api.createUser();
    cookie = await api.login(owner.user.username, owner.password);
    accountId = (await api.seedAccount(owner.user.id)).id;
  });
  after(() => api?.stop());

  const rows = Array.from(
    { length: MAX_IMPORT_ROWS },
    (_, index) =>
      `+9725${String(index).padStart(8, '0')},Customer ${index},vip;batch-${index % 10},Haifa,${index % 3 === 0 ? 'pro' : 'basic'}`,
  );
  const header = 'phone,name,tags,city,plan';
  const post = async (csv: string) => {
    const started = performance.now();
    const response = await api.request(`/api/contacts/import?whatsappAccountId=${accountId}`, {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, body, ms: Math.round(performance.now() - started) };
  };
  const count = async () =>
    (
      await api.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE "whatsappAccountId" = $1`, [
        accountId,
      ])
    )[0].n as number;

  test('with 3 bad rows: refused with their lines, nothing imported', { timeout: 300_000 }, async (t) => {
    const bad = [...rows];
    bad[10_000] = '0501234567,Local,,Haifa,pro'; // line 10,002
    bad[50_000] = `+972599999999,Name,vip,Haifa`; // line 50,002: 4 columns
    bad[99_998] = bad[0]; // line 100,000: the phone of line 2
    const csv = [header, ...bad].join('\n');
    const result = await post(csv);
    t.diagnostic(`refused ${bad.length} rows (${(csv.length / 1e6).toFixed(1)} MB) in ${result.ms} ms`);
    assert.equal(result.status, 422, JSON.stringify(result.body).slice(0, 500));
    assert.deepEqual(
      (result.body.problems as { line: number }[]).map((problem) => problem.line),
      [10_002, 50_002, 100_000],
    );
    assert.equal(await count(), 0);
  });

  test('without bad rows: all created, then all updated', { timeout: 300_000 }, async (t) => {
    const csv = [header, ...rows].join('\n');
    const created = await post(csv);
    t.diagnostic(`created ${rows.length} contacts (${(csv.length / 1e6).toFixed(1)} MB) in ${created.ms} ms`);
    assert.equal(created.status, 200, JSON.stringify(created.body).slice(0, 500));
    assert.deepEqual(created.body, { success: true, created: MAX_IMPORT_ROWS, updated: 0 });
    assert.equal(await count(), MAX_IMPORT_ROWS);

    const updated = await post(csv);
    t.diagnostic(`updated ${rows.length} contacts in ${updated.ms} ms`);
    assert.deepEqual(updated.body, { success: true, created: 0, updated: MAX_IMPORT_ROWS });
  });
});
