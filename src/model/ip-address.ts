/**
 * IP addresses as numbers, so that network membership is one mask and compare, and the same host
 * is recognised however its address is written. Parsing is strict on purpose: an allow-list entry such as `010.0.0.1` means 8.0.0.1 to some tools and 10.0.0.1 to
 * others, and a security boundary must not depend on which one reads it.
 */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const ipv4Part = /^(?:0|[1-9]\d{0,2})$/;
const hexGroup = /^[0-9a-fA-F]{1,4}$/;

export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** Dotted quad only: no octal, hex or shortened forms. */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!ipv4Part.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

/** RFC 4291 §2.2 text forms, with `::` and a trailing dotted quad; zone ids are refused. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/** The 16-bit groups of one side of `::`; only the last side may end in a dotted quad. */
function groupsOf(side: string, mayEndInIpv4: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (mayEndInIpv4 && index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (hexGroup.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

const mappedPrefix = 0xffffn << 32n;

/**
 * `::ffff:10.0.0.1` is 10.0.0.1 on the wire; a resolver can return either spelling, so a check
 * must see the IPv4 address inside.
 */
export function unmapIpv4(address: IpAddress): IpAddress {
  if (address.family === 6 && address.value >> 32n === mappedPrefix >> 32n) {
    return { family: 4, value: address.value & 0xffff_ffffn };
  }
  return address;
}

/** Canonical text: dotted IPv4, or IPv6 as RFC 5952 writes it (lower case, longest zero run as `::`). */
export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    const value = address.value;
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) =>
    Number((address.value >> BigInt(112 - 16 * index)) & 0xffffn),
  );
  const [start, length] = longestZeroRun(groups);
  const hex = groups.map((group) => group.toString(16));
  if (length < 2) return hex.join(':');
  return `${hex.slice(0, start).join(':')}::${hex.slice(start + length).join(':')}`;
}

/** The first longest run of zero groups: [start, length]. */
function longestZeroRun(groups: readonly number[]): [number, number] {
  let best: [number, number] = [0, 0];
  let start = -1;
  for (let index = 0; index <= groups.length; index++) {
    if (index < groups.length && groups[index] === 0) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      if (index - start > best[1]) best = [start, index - start];
      start = -1;
    }
  }
  return best;
}

/**
 * Addresses that mean "this host" or "this link" only — loopback, link-local, unspecified — and
 * so are legitimately the same on many machines.
 */
export function isHostLocal(address: IpAddress): boolean {
  if (address.family === 4) {
    const first = address.value >> 24n;
    const firstTwo = address.value >> 16n;
    return first === 127n || firstTwo === 0xa9fen || address.value === 0n;
  }
  return address.value <= 1n || address.value >> 118n === 0x3fan;
}
