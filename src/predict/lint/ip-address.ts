/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const ipv4Part = /^(0|[1-9]\d{0,2})$/;
const hexGroup = /^[0-9a-fA-F]{1,4}$/;
const mappedPrefix = 0xffffn << 32n;

/**
 * Parses `10.0.0.1`, `2001:DB8::1`, `fe80::1%eth0` (the zone is dropped) or `::ffff:10.0.0.1`
 * (an IPv4-mapped IPv6 address is the IPv4 address: the same host on a dual-stack socket).
 * Dotted parts with leading zeros are refused: some parsers read them as octal.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    if (value === undefined) return undefined;
    if (value >> 32n === 0xffffn) return { family: 4, value: value - mappedPrefix };
    return { family: 6, value };
  }
  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : { family: 4, value };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!ipv4Part.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const zone = text.indexOf('%');
  const address = zone >= 0 ? text.slice(0, zone) : text;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const given = head.length + tail.length;
  // `::` stands for one or more zero groups; without it all eight must be written.
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const groups = [...head, ...Array<number>(8 - given).fill(0), ...tail];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}

/** Hex groups of one side of `::`; a dotted IPv4 tail counts as two groups. */
function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string;
    if (index === parts.length - 1 && part.includes('.')) {
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
