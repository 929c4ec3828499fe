/** The analytics page's query and cells (console/src/analytics/flow-analytics.ts, console/src/format-duration.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyticsQuery, describeExits } from '../../console/src/analytics/flow-analytics';
import { formatDuration } from '../../console/src/format-duration';

const NOW = new Date('2026-03-10T12:00:00.000Z');

describe('analyticsQuery', () => {
  test('the last 7 days of all revisions', () => {
    assert.equal(analyticsQuery(7, null, NOW), 'from=2026-03-03T12%3A00%3A00.000Z');
  });
  test('the last 30 days of revision 2', () => {
    assert.equal(analyticsQuery(30, 2, NOW), 'from=2026-02-08T12%3A00%3A00.000Z&revision=2');
  });
});

describe('describeExits', () => {
  test('exits by port in the API’s order', () => {
    assert.equal(describeExits({ answered: 3, timeout: 1 }), 'answered 3 · timeout 1');
  });
  test('no exit is a dash', () => assert.equal(describeExits({}), '—'));
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [350, '350 ms'],
    [4211, '4s'],
    [90_000, '1m 30s'],
    [90_000_000, '1d 1h'],
  ];
  for (const [ms, text] of cases) test(`${ms} ms is ${text}`, () => assert.equal(formatDuration(ms), text));
});
