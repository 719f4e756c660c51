import { BlockList, isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIp } from './ip-address.js';
import { type IpNetwork, networkContains, parseNetwork } from './ip-network.js';

const width = { 4: 32, 6: 128 } as const;

function fullText(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => (value >> shift) & 0xffn).join('.');
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}

/** Membership the slow, obvious way: compare the first `prefix` binary digits. */
function referenceContains(network: IpNetwork, family: 4 | 6, value: bigint): boolean {
  if (network.family !== family) return false;
  const bitsOf = (n: bigint): string => n.toString(2).padStart(width[family], '0');
  return bitsOf(network.base).slice(0, network.prefix) === bitsOf(value).slice(0, network.prefix);
}

const familyArb = fc.constantFrom(4 as const, 6 as const);
/** A network and an address, the address often inside or just outside it. */
const caseArb = familyArb.chain((family) =>
  fc
    .record({
      base: fc.bigInt({ min: 0n, max: (1n << BigInt(width[family])) - 1n }),
      prefix: fc.integer({ min: 0, max: width[family] }),
      flip: fc.integer({ min: 0, max: width[family] - 1 }),
      random: fc.bigInt({ min: 0n, max: (1n << BigInt(width[family])) - 1n }),
      how: fc.constantFrom('flip', 'random', 'same'),
    })
    .map(({ base, prefix, flip, random, how }) => {
      const shift = BigInt(width[family] - prefix);
      const masked = (base >> shift) << shift;
      const address = how === 'same' ? base : how === 'flip' ? base ^ (1n << BigInt(flip)) : random;
      return { family, network: { family, base: masked, prefix } satisfies IpNetwork, address };
    }),
);

describe('parseIp', () => {
  it('reads every dotted quad and every IPv6 text form as Node does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const parsed = parseIp(text);
        expect(parsed?.family).toBe(isIP(text));
        const list = new BlockList();
        list.addAddress(text, parsed?.family === 6 ? 'ipv6' : 'ipv4');
        expect(
          list.check(
            fullText(parsed?.family ?? 4, parsed?.value ?? 0n),
            parsed?.family === 6 ? 'ipv6' : 'ipv4',
          ),
        ).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts nothing Node would not call an address', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4Extended(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.%/') })),
        (text) => {
          if (parseIp(text) !== undefined) expect(isIP(text)).not.toBe(0);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses octal, hex and short IPv4 forms that tools disagree on', () => {
    for (const text of [
      '010.0.0.1',
      '0x7f.0.0.1',
      '127.1',
      '2130706433',
      '1.2.3.256',
      '1.2.3.4.5',
      'fe80::1%eth0',
    ]) {
      expect(parseIp(text), text).toBeUndefined();
    }
  });
});

describe('networkContains', () => {
  it('agrees with a bitwise reference', () => {
    fc.assert(
      fc.property(caseArb, ({ family, network, address }) => {
        expect(networkContains(network, { family, value: address })).toBe(
          referenceContains(network, family, address),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees with Node's BlockList", () => {
    fc.assert(
      fc.property(caseArb, ({ family, network, address }) => {
        const type = family === 6 ? 'ipv6' : 'ipv4';
        const list = new BlockList();
        list.addSubnet(fullText(family, network.base), network.prefix, type);
        const mapped = family === 6 && address >> 32n === 0xffffn;
        fc.pre(!mapped);
        expect(networkContains(network, { family, value: address })).toBe(
          list.check(fullText(family, address), type),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('sees the IPv4 address inside an IPv4-mapped IPv6 address', () => {
    const loopback = parseNetwork('127.0.0.0/8') as IpNetwork;
    expect(networkContains(loopback, parseIp('::ffff:127.0.0.9')!)).toBe(true);
    expect(networkContains(loopback, parseIp('::ffff:7f00:1')!)).toBe(true);
    expect(networkContains(loopback, parseIp('::127.0.0.1')!)).toBe(false);
  });
});

describe('parseNetwork', () => {
  it('reads CIDR ranges and bare addresses', () => {
    expect(parseNetwork('10.0.0.0/8')).toEqual({ family: 4, base: 0x0a000000n, prefix: 8 });
    expect(parseNetwork('::1/128')).toEqual({ family: 6, base: 1n, prefix: 128 });
    expect(parseNetwork('192.168.1.7')).toEqual({ family: 4, base: 0xc0a80107n, prefix: 32 });
    expect(parseNetwork('0.0.0.0/0')).toEqual({ family: 4, base: 0n, prefix: 0 });
  });

  it.each([
    ['10.1.2.3/8', /host bits set; the network is 10.0.0.0\/8/],
    ['10.0.0.0/33', /prefix length '33'/],
    ['10.0.0.0/08', /prefix length '08'/],
    ['fe80::1/10', /host bits set; the network is fe80:0:0:0:0:0:0:0\/10/],
    ['10.0.0/8', /not an IPv4 or IPv6 address/],
  ])('refuses %s', (text, message) => {
    const result = parseNetwork(text);
    expect('message' in result && result.message).toMatch(message);
  });
});
