/**
 * Whether an IP address is on the public internet, for the http_request node's SSRF guard: loopback,
 * private, link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT, multicast,
 * documentation and reserved ranges are not — nor IPv6 addresses that embed one of them.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

const nonPublicIpv4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches localhost on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; also Alibaba's metadata service
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: AWS/GCP/Azure metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const nonPublicIpv6: [string, number][] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['100::', 64], // discard
  ['2001::', 32], // Teredo: tunnels to addresses we cannot check
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local; AWS metadata fd00:ec2::254
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blockList = new BlockList();
for (const [network, prefix] of nonPublicIpv4) blockList.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of nonPublicIpv6) blockList.addSubnet(network, prefix, 'ipv6');

/** True only for a syntactically valid IP address in no private, local or reserved range. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return !blockList.check(bare, 'ipv4');
  if (!isIPv6(bare)) return false;
  const embedded = findEmbeddedIpv4(bare);
  if (embedded !== null) return !blockList.check(embedded, 'ipv4');
  return !blockList.check(bare, 'ipv6');
}

/**
 * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16)
 * address, so `::ffff:127.0.0.1` is judged as 127.0.0.1. Null for other IPv6 addresses.
 */
function findEmbeddedIpv4(ipv6: string): string | null {
  const words = expandIpv6(ipv6);
  const isMapped = words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff;
  const isNat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0);
  if (isMapped || isNat64) return toIpv4(words[6], words[7]);
  if (words[0] === 0x2002) return toIpv4(words[1], words[2]);
  return null;
}

/** The eight 16-bit words of a valid IPv6 address (handles `::` and a dotted IPv4 tail). */
function expandIpv6(ipv6: string): number[] {
  let text = ipv6.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((word) => parseInt(word, 16)) : []);
  const headWords = parse(head);
  const tailWords = parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - headWords.length - tailWords.length).fill(0);
  return [...headWords, ...zeros, ...tailWords];
}

function toIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
