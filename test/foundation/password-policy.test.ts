import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findPasswordProblem } from '../../platform/password-policy';

const USERNAME = 'Grace.Hopper';

test('guessable passwords are refused, each with its reason', () => {
  const refused: [string, RegExp][] = [
    ['short1!', /at least 8 characters/],
    ['12345678', /consecutive/],
    ['1234567890', /consecutive/],
    ['7890123456', /consecutive/],
    ['87654321', /consecutive/],
    ['abcdefgh', /consecutive/],
    ['HGFEDCBA', /consecutive/],
    ['qwertyui', /consecutive/],
    ['lkjhgfdsa', /consecutive/],
    ['aaaaaaaa', /one character/],
    ['        ', /one character/],
    ['abababab', /short block/],
    ['abcabcab', /short block/],
    ['PassPass', /short block/],
    ['grace.hopper', /username/],
    ['GRACE.HOPPER', /username/],
    ['password', /common/],
    ['Password1', /common/],
    ['iloveyou', /common/],
    ['p@ssw0rd', /common/],
    ['flowbot123', /common/],
  ];
  for (const [password, reason] of refused) {
    assert.match(findPasswordProblem(password, USERNAME) ?? 'accepted', reason, password);
  }
});

test('ordinary passwords are accepted', () => {
  for (const password of [
    'correct horse battery staple',
    'compiler-1952-cobol',
    'Orchard-lantern-47',
    '12345679',
    'abcdefgz',
    'grace.hopper!',
    'passwords are long',
  ]) {
    assert.equal(findPasswordProblem(password, USERNAME), undefined, password);
  }
});

test('every entry of the shipped list is refused as common', () => {
  const file = path.join(__dirname, '..', '..', 'platform', 'common-passwords.txt');
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  assert.ok(entries.length >= 100, `${entries.length} entries`);
  for (const entry of entries) {
    assert.match(findPasswordProblem(entry, USERNAME) ?? 'accepted', /common/, entry);
  }
});
