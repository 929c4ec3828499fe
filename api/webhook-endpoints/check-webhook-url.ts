/**
 * Whether a URL may receive event webhooks: https to a public address. With HTTP_NODE_ALLOW_PRIVATE
 * (the http_request node's development switch, `config.httpNode.allowPrivate`) a loopback or private
 * host is allowed too, over http as well. Public means what the http_request node's SSRF guard means
 * (activities/http/is-public-address.ts); the delivery activity checks again when it connects, so a
 * name that later resolves elsewhere is refused then.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../../activities/http/is-public-address';
import { UnprocessableEntityError } from '../errors';

/** Test seam: how host names resolve (default: the system resolver). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves the URL's host and refuses (422) what the rules above do not allow; returns the URL as
 * given. Malformed URLs are the schema's 400.
 */
export async function checkWebhookUrl(
  text: string,
  options: { allowPrivate: boolean; resolve?: ResolveHost },
): Promise<string> {
  const url = new URL(text);
  if (url.username || url.password) throw new UnprocessableEntityError('url: must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? resolveWithSystem)(host);
  } catch {
    throw new UnprocessableEntityError(`url: ${host} does not resolve`);
  }
  const privateHost = addresses.length === 0 || addresses.some((address) => !isPublicAddress(address));
  if (privateHost && !options.allowPrivate) {
    throw new UnprocessableEntityError(`url: ${host} is not a public address`);
  }
  // Past the check above, a private host means local development: http is allowed there only.
  if (url.protocol === 'http:' && !privateHost) throw new UnprocessableEntityError('url: must be https');
  return text;
}
