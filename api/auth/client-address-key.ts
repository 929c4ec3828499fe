import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is budgeted under: IPv4 as is (also when written IPv4-mapped,
 * `::ffff:203.0.113.7`), IPv6 by its /64 prefix — one subscriber usually holds a whole /64, so
 * keying by full address would hand an attacker 2^64 fresh budgets.
 */
export function toClientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of an IPv6 address (zone and embedded IPv4 tail handled), lower case, unpadded. */
function expandIPv6(ip: string): string[] {
  let address = ip.replace(/%.*$/, '').toLowerCase();
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number);
    address = `${address.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((part) => Number.parseInt(part, 16).toString(16));
}
