import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toClientAddressKey } from '../../api/auth/client-address-key';

test('addresses are budgeted per IPv4 address and per IPv6 /64', () => {
  const cases: [string, string][] = [
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['not-an-address', 'not-an-address'],
  ];
  for (const [ip, key] of cases) assert.equal(toClientAddressKey(ip), key, ip);
});

test('every address of one /64 shares a key; the next /64 does not', () => {
  const keys = new Set(
    ['2001:db8:a:b::1', '2001:db8:a:b:ffff::2', '2001:db8:a:b:1:2:3:4'].map(toClientAddressKey),
  );
  assert.equal(keys.size, 1);
  assert.notEqual(toClientAddressKey('2001:db8:a:c::1'), toClientAddressKey('2001:db8:a:b::1'));
});
