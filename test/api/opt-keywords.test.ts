import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchOptKeyword } from '../../api/contacts/opt-keywords';

const defaults = { optOutKeywords: null, optInKeywords: null };

describe('matchOptKeyword', () => {
  const cases: [string, 'out' | 'in' | null][] = [
    ['STOP', 'out'],
    ['  Stop! ', 'out'],
    ['stop   all', 'out'],
    ['Unsubscribe.', 'out'],
    ['BAJA', 'out'],
    ['cancelar suscripcion', 'out'],
    ['ARRÊT', 'out'],
    ['arret', 'out'],
    ['ايقاف', 'out'],
    ['إيقاف', 'out'],
    ['Berhenti', 'out'],
    ['СТОП', 'out'],
    ['הסר', 'out'],
    ['ABONELİKTEN ÇIK', 'out'],
    ['band karo', 'out'],
    ['start', 'in'],
    ['Başla', 'in'],
    ['basla', 'in'],
    ['please stop sending', null],
    ['cancel', null],
    ['no', null],
    ['', null],
    ['stop'.repeat(20), null],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} → ${expected}`, () =>
      assert.equal(matchOptKeyword(defaults, text), expected));
  }

  test('a number’s own lists replace the built-in ones; an empty list turns that side off', () => {
    const own = { optOutKeywords: ['Enough'], optInKeywords: [] };
    assert.equal(matchOptKeyword(own, 'ENOUGH!'), 'out');
    assert.equal(matchOptKeyword(own, 'stop'), null);
    assert.equal(matchOptKeyword(own, 'start'), null);
  });
});
