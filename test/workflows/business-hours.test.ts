/**
 * business_hours inside a real conversation run: the workflow sandbox's Intl knows the time zones,
 * daylight saving time and local dates. Each run waits on a delay until a chosen instant (the
 * time-skipping server jumps there) and then records which output the node took.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NodeDataMap } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { startFullStack, waitFor, type FullStack, type SeededAccount } from '../support/full-stack';

const DAY = 24 * 60 * 60_000;

/** delay until `at` → business_hours → `took` = open / closed → end. */
function hoursFlowAt(delayMs: number, hours: NodeDataMap['business_hours']) {
  return flow()
    .start()
    .then('delay', { amount: delayMs / 1000, unit: 'seconds' })
    .then('business_hours', hours, { as: 'hours' })
    .then('set_variable', { assignments: [{ variable: 'took', value: 'open' }] })
    .then('end', {})
    .at('hours', 'closed')
    .then('set_variable', { assignments: [{ variable: 'took', value: 'closed' }] })
    .then('end', {})
    .build();
}

/** The first start of summer time in Berlin (last Sunday of March, 01:00 UTC) after `after`. */
function nextBerlinSummerTimeStart(after: number): number {
  for (let year = new Date(after).getUTCFullYear(); ; year++) {
    const lastOfMarch = new Date(Date.UTC(year, 2, 31, 1));
    const start = lastOfMarch.getTime() - lastOfMarch.getUTCDay() * DAY;
    if (start > after) return start;
  }
}

const everyDay = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    [{ from: '00:00', to: '24:00' }],
  ]),
);

describe('business_hours in a workflow run', () => {
  let stack: FullStack;
  let account: SeededAccount;

  before(async () => {
    stack = await startFullStack();
    account = await stack.seedAccount();
  });
  after(() => stack?.stop());

  /**
   * Runs the node once per business hours, each at instant `at` of the test server's clock; the
   * outputs they took. The runs start together, before the clock skips to `at`.
   */
  async function outputsAt(at: number, ...hours: NodeDataMap['business_hours'][]): Promise<unknown[]> {
    const delayMs = at - (await stack.env.currentTimeMs());
    const runs = await Promise.all(
      hours.map((data) => stack.startConversation({ account, drawflowData: hoursFlowAt(delayMs, data) })),
    );
    // Waiting for a result lets the test server skip time; a run that has not started its delay timer
    // yet has nothing to skip to but its 10-year run timeout, so the skip waits for every timer.
    await waitFor(
      async () => {
        const histories = await Promise.all(runs.map((run) => run.handle.fetchHistory()));
        return histories.every((history) =>
          history.events?.some((event) => event.timerStartedEventAttributes),
        );
      },
      15_000,
      'every run to start its delay timer',
    );
    // One result() at a time: each unlocks the test server's time-skipping lock counter while it
    // waits and locks it again after, and two at once leave the counter below the locks the runs'
    // own tasks hold, so the clock skipped past a running step to the 10-year run timeout.
    const results = [];
    for (const run of runs) results.push(await run.handle.result());
    assert.deepEqual(
      results.map((result) => result.status),
      hours.map(() => 'completed'),
    );
    return results.map((result) => result.variables.took);
  }

  it('applies daylight saving time: 07:30 UTC on the day Berlin switches is 09:30 there, open', async () => {
    const switchAt = nextBerlinSummerTimeStart((await stack.env.currentTimeMs()) + DAY);
    const hours = { timeZone: 'Europe/Berlin', hours: { sunday: [{ from: '09:00', to: '10:00' }] } };
    // At UTC+1, as in winter, 07:30 UTC would be 08:30: closed.
    assert.deepEqual(await outputsAt(switchAt + 6.5 * 60 * 60_000, hours), ['open']);
  });

  it("closes on a holiday by the zone's date, not UTC's", async () => {
    const inThreeDays = new Date((await stack.env.currentTimeMs()) + 3 * DAY);
    const [year, month, day] = [
      inThreeDays.getUTCFullYear(),
      inThreeDays.getUTCMonth(),
      inThreeDays.getUTCDate(),
    ];
    const holiday = inThreeDays.toISOString().slice(0, 10);
    // 03:00 UTC the next day is 22:00 or 23:00 of the holiday in New York.
    const lateOnHoliday = Date.UTC(year, month, day + 1, 3);
    const utcDate = new Date(lateOnHoliday).toISOString().slice(0, 10);
    const newYork = { timeZone: 'America/New_York', hours: everyDay };
    assert.deepEqual(
      await outputsAt(
        lateOnHoliday,
        { ...newYork, holidays: [holiday] },
        { ...newYork, holidays: [utcDate] },
      ),
      ['closed', 'open'],
    );
  });
});
