import { formatIpAddress, type IpAddress } from '../../model/index.js';
import { intervalsCover } from './interval-cover.js';
import { parseIpAddress } from './ip-address.js';

/** A CIDR block as the range of addresses it holds, within one family. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
}

const bitsOf = (family: 4 | 6): number => (family === 4 ? 32 : 128);

/** Every address of both families: what `any`, `*`, `0.0.0.0/0` plus `::/0` mean together. */
export const anyIpRanges: readonly IpRange[] = [
  { family: 4, first: 0n, last: (1n << 32n) - 1n, prefix: 0 },
  { family: 6, first: 0n, last: (1n << 128n) - 1n, prefix: 0 },
];

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128). Host bits set below the
 * prefix (`10.1.2.3/8`) are cleared, as routers do; an IPv4-mapped IPv6 block of /96 or longer is
 * read as the IPv4 block it maps.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash >= 0 ? text.slice(0, slash) : text;
  const address = parseIpAddress(addressText);
  if (address === undefined) return undefined;
  if (slash < 0) return rangeOf(address, bitsOf(address.family));
  const written = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(written)) return undefined;
  const prefix = Number(written);
  if (address.family === 4 && addressText.includes(':')) {
    if (prefix > 128) return undefined;
    // Shorter than /96 reaches outside ::ffff:0:0/96: an IPv6 block after all.
    return prefix >= 96
      ? rangeOf(address, prefix - 96)
      : rangeOf({ family: 6, value: (0xffffn << 32n) | address.value }, prefix);
  }
  return prefix <= bitsOf(address.family) ? rangeOf(address, prefix) : undefined;
}

/** The block of `prefix` bits around an address. */
export function rangeOf(address: IpAddress, prefix: number): IpRange {
  const hostBits = BigInt(bitsOf(address.family) - prefix);
  const first = (address.value >> hostBits) << hostBits;
  return { family: address.family, first, last: first + (1n << hostBits) - 1n, prefix };
}

/** Whether the union of `cover` holds every address of every range in `ranges`. */
export function ipRangesCover(cover: readonly IpRange[], ranges: readonly IpRange[]): boolean {
  return ranges.every((range) =>
    intervalsCover(
      cover.filter((piece) => piece.family === range.family),
      range,
    ),
  );
}

export function formatIpRange(range: IpRange): string {
  return `${formatIpAddress({ family: range.family, value: range.first })}/${range.prefix}`;
}
