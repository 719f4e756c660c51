import { type IpAddress, parseIp, unmapIpv4 } from './ip-address.js';

/** A CIDR range; a single address is a /32 or /128. */
export interface IpNetwork {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

const bits = { 4: 32, 6: 128 } as const;
const prefixPattern = /^(?:0|[1-9]\d{0,2})$/;

/**
 * `10.0.0.0/8`, `::1/128`, or a bare address. A range with host bits set (`10.1.2.3/8`) is
 * refused: it is usually a typo for a narrower range, and silently widening it would open more
 * than its author meant.
 */
export function parseNetwork(text: string): IpNetwork | { message: string } {
  const slash = text.indexOf('/');
  const address = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (address === undefined) return { message: 'is not an IPv4 or IPv6 address' };
  const width = bits[address.family];
  if (slash === -1) return { family: address.family, base: address.value, prefix: width };
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!prefixPattern.test(prefixText) || prefix > width) {
    return { message: `has the prefix length '${prefixText}'; expected 0 to ${width}` };
  }
  const masked = address.value & networkMask(address.family, prefix);
  if (masked !== address.value) {
    return { message: `has host bits set; the network is ${formatNetwork(address.family, masked, prefix)}` };
  }
  return { family: address.family, base: masked, prefix };
}

export function networkMask(family: 4 | 6, prefix: number): bigint {
  const width = BigInt(bits[family]);
  const all = (1n << width) - 1n;
  return (all << (width - BigInt(prefix))) & all;
}

/** Whether `address` lies in `network`; an IPv4-mapped IPv6 address counts as its IPv4 address too. */
export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  return containsExactly(network, address) || containsExactly(network, unmapIpv4(address));
}

function containsExactly(network: IpNetwork, address: IpAddress): boolean {
  return (
    network.family === address.family &&
    (address.value & networkMask(network.family, network.prefix)) === network.base
  );
}

function formatNetwork(family: 4 | 6, base: bigint, prefix: number): string {
  if (family === 4) {
    const octets = [24n, 16n, 8n, 0n].map((shift) => Number((base >> shift) & 0xffn));
    return `${octets.join('.')}/${prefix}`;
  }
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((base >> shift) & 0xffffn).toString(16));
  return `${groups.join(':')}/${prefix}`;
}
