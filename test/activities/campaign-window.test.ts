import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextWindowOpening } from '../../activities/campaigns/campaign-window';
import { parseParameterText } from '../../workflows/campaign-parameters';

const weekdays = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };

describe('nextWindowOpening', () => {
  // 2026-03-02 is a Monday; Berlin is UTC+1 in March before the switch to summer time.
  const cases: { at: string; expected: string | null; why: string }[] = [
    { at: '2026-03-02T10:00:00Z', expected: null, why: 'Monday 11:00 in Berlin is inside' },
    {
      at: '2026-03-02T07:30:00Z',
      expected: '2026-03-02T08:00:00Z',
      why: 'Monday 08:30 opens at 09:00 Berlin',
    },
    {
      at: '2026-03-02T17:00:00Z',
      expected: '2026-03-03T08:00:00Z',
      why: 'Monday 18:00 is closed until Tuesday',
    },
    { at: '2026-03-06T17:30:00Z', expected: '2026-03-09T08:00:00Z', why: 'Friday evening waits for Monday' },
    { at: '2026-03-07T12:00:00Z', expected: '2026-03-09T08:00:00Z', why: 'Saturday waits for Monday' },
  ];
  for (const { at, expected, why } of cases) {
    test(why, () => {
      const opening = nextWindowOpening(weekdays, Date.parse(at));
      assert.equal(
        opening === null ? null : new Date(opening).toISOString(),
        expected && new Date(expected).toISOString(),
      );
    });
  }
});

describe('parseParameterText', () => {
  test('splits text and fields, with defaults', () => {
    assert.deepEqual(parseParameterText('Hi {{name|there}}, {{ attr.city }}!'), [
      { kind: 'text', text: 'Hi ' },
      { kind: 'field', field: 'name', fallback: 'there' },
      { kind: 'text', text: ', ' },
      { kind: 'field', field: 'attr', key: 'city', fallback: '' },
      { kind: 'text', text: '!' },
    ]);
  });
  test('refuses an unknown placeholder, naming it', () => {
    assert.throws(() => parseParameterText('{{surname}}'), /\{\{surname\}\}/);
  });
});
