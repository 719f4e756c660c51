import { lookup } from 'node:dns/promises';
import { type IpNetwork, networkContains, parseIp, parseNetwork } from '../../model/index.js';
import { type AllowList, allowsAddress, allowsName } from './allow-list.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to; the default asks the system resolver (dns.lookup). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** A target that may be scraped, with the checked addresses to connect to (and no others). */
export type TargetCheck =
  | { ok: true; url: URL; addresses: ResolvedAddress[] }
  | { ok: false; reason: string };

/**
 * Addresses no name may lead to unless a network entry admits them explicitly: "this host",
 * link-local (cloud metadata services live at 169.254.169.254 and fd00:ec2::254), multicast and
 * reserved space. They matter when the list has names only and DNS is trusted for the rest.
 */
const neverByName: readonly IpNetwork[] = [
  '0.0.0.0/8',
  '169.254.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  'fe80::/10',
  'ff00::/8',
  'fd00:ec2::254/128',
].map((text) => parseNetwork(text) as IpNetwork);

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * Decides whether `url` may be scraped, before any connection:
 * - only http: and https:, and no credentials in the URL;
 * - an address literal must lie in an allowed network (name entries never admit one);
 * - a host name must match a name entry, and then EVERY address it resolves to must lie in an
 *   allowed network when the list has networks, or outside `neverByName` when it has none.
 * The caller connects only to the addresses returned, so a second DNS answer (rebinding) cannot
 * redirect the connection.
 */
export async function checkTarget(
  url: string | URL,
  list: AllowList,
  resolve: Resolver = systemResolver,
): Promise<TargetCheck> {
  const parsed = parseTargetUrl(url);
  if ('reason' in parsed) return { ok: false, reason: parsed.reason };
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = parseIp(host);
  if (literal !== undefined) {
    return allowsAddress(list, host)
      ? { ok: true, url: parsed, addresses: [{ address: host, family: literal.family }] }
      : { ok: false, reason: `${host} is not in an allowed network` };
  }
  if (host.split('.').some((label, index, labels) => label === '' && index !== labels.length - 1)) {
    return { ok: false, reason: `'${host}' is not a valid host name` };
  }
  if (!allowsName(list, host)) return { ok: false, reason: `the host name ${host} is not on the allow-list` };
  return checkResolved(parsed, host, list, resolve);
}

function parseTargetUrl(url: string | URL): URL | { reason: string } {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { reason: `the scheme ${parsed.protocol} is not http: or https:` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { reason: 'credentials in the URL are not supported' };
  }
  return parsed;
}

async function checkResolved(
  url: URL,
  host: string,
  list: AllowList,
  resolve: Resolver,
): Promise<TargetCheck> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot resolve ${host}${code ? ` (${code})` : ''}` };
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} resolves to no address` };
  const refused = addresses.filter(({ address }) => !addressAllowedForName(list, address));
  if (refused.length > 0) {
    const where =
      list.networks.length > 0 ? 'outside the allowed networks' : 'in a range never scraped by name';
    return { ok: false, reason: `${host} resolves to ${refused.map((a) => a.address).join(', ')}, ${where}` };
  }
  return { ok: true, url, addresses };
}

function addressAllowedForName(list: AllowList, address: string): boolean {
  if (list.networks.length > 0) return allowsAddress(list, address);
  const parsed = parseIp(address);
  return parsed !== undefined && !neverByName.some((network) => networkContains(network, parsed));
}
