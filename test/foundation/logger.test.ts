/**
 * What the process logger writes about errors: the database's failed queries keep their message,
 * SQL and error code, but never the values bound to the query (TypeORM's `parameters`) nor
 * PostgreSQL's `detail` ("Failing row contains (…)"), under whatever key and depth they are logged.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { QueryFailedError } from 'typeorm';
import { createLogger } from '../../platform/logger';

const PHONE = '+972501234567';
const HASH = 'scrypt$16384$8$1$c2FsdHNhbHQ=$aGFzaGhhc2g=';

/** A failed INSERT as TypeORM reports it, with the pg error under it. */
function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('new row for relation "users" violates check constraint "c"'), {
    code: '23514',
    constraint: 'c',
    table: 'users',
    detail: `Failing row contains (jane, ${HASH}, ${PHONE}).`,
    parameters: ['jane', HASH, PHONE],
  });
  return new QueryFailedError('INSERT INTO "users" VALUES ($1, $2, $3)', ['jane', HASH, PHONE], driverError);
}

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  return { logger, lines };
}

test('a failed query is logged without its parameters or row detail, under any key and depth', () => {
  const { logger, lines } = capture();
  const error = failedInsert();
  logger.error({ err: error }, 'request failed');
  logger.error(error);
  // Temporal's worker logs activity failures as `error`; our activities add keys of their own.
  logger.warn({ error, durationMs: 3 }, 'Activity failed');
  logger.warn({ recordError: error, nested: { deeper: { cause: error } } }, 'Could not record');
  logger.error({ err: new Error('wrapped', { cause: error }) }, 'request failed');
  logger.error({ err: new AggregateError([error], 'several') }, 'request failed');

  assert.equal(lines.length, 6);
  for (const line of lines) {
    assert.ok(!line.includes(PHONE), `a phone number was logged: ${line}`);
    assert.ok(!line.includes(HASH), `a password hash was logged: ${line}`);
    assert.doesNotMatch(line, /"parameters"/);
    assert.doesNotMatch(line, /Failing row contains/);
  }
  const [first] = lines.map((line) => JSON.parse(line) as { err: Record<string, unknown> });
  assert.equal(first.err.type, 'QueryFailedError');
  assert.match(first.err.message as string, /violates check constraint "c"/);
  assert.equal(first.err.query, 'INSERT INTO "users" VALUES ($1, $2, $3)');
  assert.equal(first.err.code, '23514');
  assert.equal(first.err.constraint, 'c');
  assert.match(first.err.stack as string, /QueryFailedError/);
});

test('errors keep their other fields, and the logged objects are left as they were', () => {
  const { logger, lines } = capture();
  const error = failedInsert();
  const fields = { err: error, userId: 'u-1' };
  logger.error(fields, 'request failed');
  assert.deepEqual(error.parameters, ['jane', HASH, PHONE], 'the error itself is not changed');
  assert.equal(fields.err, error);

  const typed = Object.assign(new Error('WhatsApp refused'), { code: 131008, status: 400 });
  logger.warn({ err: typed, error: 'a plain string stays a string' }, 'send failed');
  const logged = JSON.parse(lines[1]) as { err: Record<string, unknown>; error: unknown };
  assert.equal(logged.err.type, 'Error');
  assert.equal(logged.err.code, 131008);
  assert.equal(logged.err.status, 400);
  assert.equal(logged.err.message, 'WhatsApp refused');
  assert.equal(logged.error, 'a plain string stays a string');
  assert.equal((JSON.parse(lines[0]) as { userId: string }).userId, 'u-1');
});
