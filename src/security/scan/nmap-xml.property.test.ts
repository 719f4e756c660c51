import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type NmapAddress,
  type NmapHost,
  type NmapPort,
  type NmapScan,
  type NmapScanInfo,
  type NmapService,
  nmapPortStates,
  type PortRange,
} from './nmap-scan.js';
import { parseNmapXml } from './nmap-xml.js';
import { writeNmapXml } from './nmap-xml-writer.fixture.js';

/** Text as products and banners carry it: XML's special characters, entity look-alikes, non-ASCII. */
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", ';', '#', '&#45;', '&amp;', ']]>', '--', 'é', '日本', '😀', ' '),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});
const someText = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 });
const protocol = fc.constantFrom('tcp', 'udp', 'sctp', 'ip');
/** Whole seconds: Nmap writes epoch seconds. */
const epochMs = fc.integer({ min: 0, max: 4_000_000_000 }).map((seconds) => seconds * 1000);

const cpe = fc
  .tuple(fc.constantFrom('cpe:/a:', 'cpe:/o:', 'cpe:2.3:a:'), fc.stringMatching(/^[a-z0-9_.:&<>*-]{0,20}$/))
  .map(([prefix, rest]) => prefix + rest);

const service: fc.Arbitrary<NmapService> = fc.record(
  {
    name: someText,
    product: awkwardText,
    version: awkwardText,
    extraInfo: awkwardText,
    tunnel: fc.constant('ssl'),
    cpes: fc.array(cpe, { maxLength: 3 }),
  },
  { requiredKeys: ['name', 'cpes'] },
);

const port: fc.Arbitrary<NmapPort> = fc.record(
  {
    protocol,
    port: fc.integer({ min: 0, max: 65535 }),
    state: fc.constantFrom(...nmapPortStates),
    reason: someText,
    service,
  },
  { requiredKeys: ['protocol', 'port', 'state'] },
);

const address: fc.Arbitrary<NmapAddress> = fc.oneof(
  fc.ipV4().map((addr): NmapAddress => ({ addr, type: 'ipv4' })),
  fc.ipV6().map((addr): NmapAddress => ({ addr, type: 'ipv6' })),
  fc
    .tuple(fc.mixedCase(fc.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)), awkwardText)
    .map(([addr, vendor]): NmapAddress => ({ addr, type: 'mac', vendor })),
);

const host: fc.Arbitrary<NmapHost> = fc.record({
  state: fc.constantFrom('up', 'down', 'unknown'),
  addresses: fc.array(address, { maxLength: 3 }),
  hostnames: fc.array(
    fc.record({ name: awkwardText.filter((name) => name !== ''), type: fc.constantFrom('user', 'PTR') }),
    {
      maxLength: 2,
    },
  ),
  ports: fc.array(port, { maxLength: 6 }),
  extraPorts: fc.array(
    fc.record({ state: fc.constantFrom('closed', 'filtered', 'open|filtered'), count: fc.nat(65535) }),
    { maxLength: 2 },
  ),
  osMatches: fc.array(fc.record({ name: awkwardText, accuracy: fc.integer({ min: 0, max: 100 }) }), {
    maxLength: 2,
  }),
  timedOut: fc.boolean(),
});

const portRange: fc.Arbitrary<PortRange> = fc
  .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }))
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));

const scanInfo: fc.Arbitrary<NmapScanInfo> = fc.record({
  type: fc.constantFrom('syn', 'connect', 'udp'),
  protocol,
  ports: fc.array(portRange, { minLength: 1, maxLength: 4 }),
});

const scan: fc.Arbitrary<NmapScan> = fc.record(
  {
    scanner: fc.constant('nmap'),
    args: awkwardText,
    version: someText,
    startedAt: epochMs,
    finishedAt: epochMs,
    scanned: fc.array(scanInfo, { maxLength: 2 }),
    hosts: fc.array(host, { maxLength: 5 }),
    problems: fc.constant([]),
  },
  { requiredKeys: ['scanner', 'scanned', 'hosts', 'problems'] },
);

/** fc.record may build objects without a prototype; strict equality would count that. */
function plainData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('parseNmapXml (property)', () => {
  it('gives back exactly the scan that was written as Nmap XML', () => {
    fc.assert(
      fc.property(scan, fc.boolean(), (written, numericReferences) => {
        const text = writeNmapXml(written, { numericReferences });
        expect(parseNmapXml(text)).toStrictEqual(plainData(written));
      }),
      { numRuns: 300 },
    );
  });
});
