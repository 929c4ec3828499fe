import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Client } from 'pg';
import { createTemporaryDirectory, startEmbeddedPostgres } from '../../platform/embedded-postgres';

const directory = path.join(createTemporaryDirectory('flowbot-embedded-'), 'postgres');
after(() => fs.rmSync(path.dirname(directory), { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test('data survives a stop and a start; a second start on a live folder shares the server', async () => {
  const first = await startEmbeddedPostgres({ directory });
  await query(first.url, `CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')`);

  const second = await startEmbeddedPostgres({ directory });
  assert.equal(second.shared, true);
  assert.equal(second.port, first.port);
  await second.stop();
  assert.deepEqual(await query(first.url, 'SELECT value FROM kept'), [{ value: 'still here' }]);
  await first.stop();
  await first.stop();

  const restarted = await startEmbeddedPostgres({ directory });
  try {
    assert.equal(restarted.shared, false);
    assert.deepEqual(await query(restarted.url, 'SELECT value FROM kept'), [{ value: 'still here' }]);
  } finally {
    await restarted.stop();
  }
});
