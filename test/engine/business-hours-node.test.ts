/**
 * business_hours: `open` or `closed` from the step's clock in the node's time zone — weekly ranges
 * (`to` excluded), daylight saving time, holidays by the local date — and the validator's wording.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFlowGraph, type FlowProblem, type NodeDataMap } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { assertEnded, sentTexts, startInbound } from './engine-test-kit';

type BusinessHours = NodeDataMap['business_hours'];

/** Business hours → message "open" / message "closed". */
function hoursFlow(data: BusinessHours) {
  return flow()
    .start()
    .then('business_hours', data, { as: 'hours' })
    .then('message', { text: 'open' })
    .at('hours', 'closed')
    .then('message', { text: 'closed' });
}

/** What the node answers at `isoInstant` (a UTC instant). */
function answerAt(data: BusinessHours, isoInstant: string): string {
  const graph = hoursFlow(data).graph();
  const now = Date.parse(isoInstant);
  const step = startInbound(graph, { now, inboundMessage: { text: 'hi', at: now } });
  assertEnded(step, 'completed');
  return sentTexts(step).join();
}

const berlinWeekdays: BusinessHours = {
  timeZone: 'Europe/Berlin',
  hours: {
    monday: [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ],
    saturday: [{ from: '10:00', to: '24:00' }],
  },
};

describe('business_hours node', () => {
  // 2026-01-05 is a Monday; Berlin is UTC+1 in winter.
  const cases: [string, BusinessHours, string, 'open' | 'closed'][] = [
    ['inside the first range', berlinWeekdays, '2026-01-05T08:00:00Z', 'open'],
    ['at a range opening (from is included)', berlinWeekdays, '2026-01-05T12:00:00Z', 'open'],
    ['at a range closing (to is excluded)', berlinWeekdays, '2026-01-05T11:00:00Z', 'closed'],
    ['in the lunch gap', berlinWeekdays, '2026-01-05T11:30:00Z', 'closed'],
    ['before opening, by local time though open by UTC', berlinWeekdays, '2026-01-05T07:30:00Z', 'closed'],
    ['on a day without hours', berlinWeekdays, '2026-01-06T10:00:00Z', 'closed'],
    ['at 23:59 of a day open until 24:00', berlinWeekdays, '2026-01-10T22:59:00Z', 'open'],
    ['at local midnight after it', berlinWeekdays, '2026-01-10T23:00:00Z', 'closed'],
    // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin (UTC+2 from then on).
    [
      'after the switch to summer time (09:30 CEST; a fixed UTC+1 would say 08:30)',
      { timeZone: 'Europe/Berlin', hours: { sunday: [{ from: '09:00', to: '10:00' }] } },
      '2026-03-29T07:30:00Z',
      'open',
    ],
    [
      'an hour later in summer time (10:30 CEST)',
      { timeZone: 'Europe/Berlin', hours: { sunday: [{ from: '09:00', to: '10:00' }] } },
      '2026-03-29T08:30:00Z',
      'closed',
    ],
    [
      'on a holiday by the local date (22:00 on 25 Dec in New York, already the 26th in UTC)',
      {
        timeZone: 'America/New_York',
        hours: { friday: [{ from: '00:00', to: '24:00' }] },
        holidays: ['2026-12-25'],
      },
      '2026-12-26T03:00:00Z',
      'closed',
    ],
    [
      'the day after a holiday by the UTC date, still the 25th locally',
      {
        timeZone: 'America/New_York',
        hours: { friday: [{ from: '00:00', to: '24:00' }] },
        holidays: ['2026-12-26'],
      },
      '2026-12-26T03:00:00Z',
      'open',
    ],
  ];
  for (const [label, data, instant, expected] of cases) {
    it(`${expected} ${label}`, () => {
      assert.deepEqual(validateFlowGraph(hoursFlow(data).build()), []);
      assert.equal(answerAt(data, instant), expected);
    });
  }

  it('counts as closed (and warns) when the worker does not know the zone', () => {
    const graph = hoursFlow({ timeZone: 'Mars/Olympus_Mons', hours: { monday: [] } }).graph();
    const step = startInbound(graph);
    assert.deepEqual(sentTexts(step), ['closed']);
    assert.match(
      step.actions.find((action) => action.type === 'log')?.message ?? '',
      /time zone "Mars\/Olympus_Mons" is unknown/,
    );
  });
});

describe('business_hours validation', () => {
  const problemsOf = (data: unknown): Pick<FlowProblem, 'path' | 'message'>[] =>
    validateFlowGraph(hoursFlow(data as BusinessHours).build()).map(({ path, message }) => ({
      path,
      message,
    }));
  const cases: [string, unknown, string, RegExp][] = [
    [
      'an unknown time zone',
      { timeZone: 'Europe/Atlantis', hours: {} },
      'nodes.2.data.timeZone',
      /"Europe\/Atlantis" is not an IANA time zone/,
    ],
    [
      'an offset instead of a zone',
      { timeZone: '+01:00', hours: {} },
      'nodes.2.data.timeZone',
      /not an IANA time zone/,
    ],
    [
      'a range that closes before it opens (past midnight)',
      { timeZone: 'UTC', hours: { friday: [{ from: '22:00', to: '02:00' }] } },
      'nodes.2.data.hours.friday[0].to',
      /closes at 02:00, not after it opens at 22:00; split a range past midnight/,
    ],
    [
      'a time that is not HH:MM',
      { timeZone: 'UTC', hours: { monday: [{ from: '9:00', to: '17:00' }] } },
      'nodes.2.data.hours.monday[0].from',
      /"HH:MM", from 00:00 to 24:00/,
    ],
    [
      'an hour past 24',
      { timeZone: 'UTC', hours: { monday: [{ from: '09:00', to: '24:30' }] } },
      'nodes.2.data.hours.monday[0].to',
      /"HH:MM"/,
    ],
    [
      'a holiday that is not a date',
      { timeZone: 'UTC', hours: {}, holidays: ['2026-12-25', '25.12.2026'] },
      'nodes.2.data.holidays[1]',
      /YYYY-MM-DD/,
    ],
    [
      'a holiday the calendar does not have',
      { timeZone: 'UTC', hours: {}, holidays: ['2026-02-30'] },
      'nodes.2.data.holidays[0]',
      /2026-02-30 is not a date of the calendar/,
    ],
    ['no weekly hours at all', { timeZone: 'UTC' }, 'nodes.2.data.hours', /required/],
  ];
  for (const [label, data, path, message] of cases) {
    it(`refuses ${label} (${path})`, () => {
      const problems = problemsOf(data);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].path, path);
      assert.match(problems[0].message, message);
    });
  }
});
