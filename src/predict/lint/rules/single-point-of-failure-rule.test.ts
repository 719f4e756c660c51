import { describe, expect, it } from 'vitest';
import type { EntityInput, RelationInput, RelationType } from '../../../model/index.js';
import type { LintFinding } from '../lint-finding.js';
import { defaultLintSettings } from '../lint-settings.js';
import { testView } from '../test-twin.fixture.js';
import { singlePointOfFailureRule } from './single-point-of-failure-rule.js';

const rel = (
  type: RelationType,
  from: string,
  to: string,
  props?: RelationInput['props'],
): RelationInput => ({
  type,
  from,
  to,
  ...(props ? { props } : {}),
});

/**
 * Two racks with A/B power from two UPSes on two feeds. h1 and h2 sit in r1 behind one ToR; h3 in
 * r2 is dual-homed to two ToRs that both uplink to one spine; h4 in r3 and h5 in r4 are each fed
 * by a single PDU, both PDUs on UPS 1.
 */
function estate(): { entities: EntityInput[]; relations: RelationInput[] } {
  const entities: EntityInput[] = [
    { id: 'power-feed:a', kind: 'power-feed' },
    { id: 'power-feed:b', kind: 'power-feed' },
    { id: 'ups:1', kind: 'ups' },
    { id: 'ups:2', kind: 'ups' },
    ...['r1', 'r2', 'r3', 'r4'].map((rack): EntityInput => ({ id: `rack:${rack}`, kind: 'rack' })),
    ...['r1', 'r2', 'r3', 'r4'].flatMap((rack): EntityInput[] => [
      { id: `pdu:${rack}-a`, kind: 'pdu' },
      { id: `pdu:${rack}-b`, kind: 'pdu' },
    ]),
    ...['tor-1', 'tor-2a', 'tor-2b', 'tor-3', 'spine-1'].map(
      (name): EntityInput => ({ id: `switch:${name}`, kind: 'switch' }),
    ),
    ...['h1', 'h2', 'h3', 'h4', 'h5'].map((name): EntityInput => ({ id: `host:${name}`, kind: 'host' })),
    ...['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'orphan'].map(
      (name): EntityInput => ({ id: `vm:${name}`, kind: 'vm' }),
    ),
    { id: 'container:c1', kind: 'container' },
    { id: 'container:c2', kind: 'container' },
    ...['web', 'api', 'cache', 'queue', 'lonely', 'unplaced'].map(
      (name): EntityInput => ({ id: `service:${name}`, kind: 'service' }),
    ),
  ];
  const relations: RelationInput[] = [
    rel('powered-by', 'ups:1', 'power-feed:a'),
    rel('powered-by', 'ups:2', 'power-feed:b'),
    ...['r1', 'r2', 'r3', 'r4'].flatMap((rack) => [
      rel('contains', `rack:${rack}`, `pdu:${rack}-a`),
      rel('contains', `rack:${rack}`, `pdu:${rack}-b`),
      rel('powered-by', `pdu:${rack}-a`, 'ups:1'),
      rel('powered-by', `pdu:${rack}-b`, 'ups:2'),
    ]),
    ...[
      ['h1', 'r1'],
      ['h2', 'r1'],
      ['h3', 'r2'],
    ].flatMap(([host, rack]) => [
      rel('contains', `rack:${rack}`, `host:${host}`),
      rel('powered-by', `host:${host}`, `pdu:${rack}-a`),
      rel('powered-by', `host:${host}`, `pdu:${rack}-b`),
    ]),
    rel('contains', 'rack:r3', 'host:h4'),
    rel('contains', 'rack:r4', 'host:h5'),
    rel('powered-by', 'host:h4', 'pdu:r3-a'),
    rel('powered-by', 'host:h5', 'pdu:r4-a'),
    rel('connects', 'host:h1', 'switch:tor-1'),
    rel('connects', 'host:h2', 'switch:tor-1'),
    rel('connects', 'host:h3', 'switch:tor-2a'),
    rel('connects', 'host:h3', 'switch:tor-2b'),
    rel('connects', 'switch:tor-2a', 'switch:tor-2b', { peer: true }),
    rel('connects', 'switch:tor-2a', 'switch:spine-1'),
    rel('connects', 'switch:tor-2b', 'switch:spine-1'),
    rel('connects', 'host:h4', 'switch:tor-3'),
    rel('connects', 'host:h5', 'switch:tor-3'),
    rel('runs-on', 'vm:v1', 'host:h1'),
    rel('runs-on', 'vm:v2', 'host:h2'),
    rel('runs-on', 'vm:v3', 'host:h3'),
    rel('runs-on', 'vm:v4', 'host:h4'),
    rel('runs-on', 'vm:v5', 'host:h5'),
    rel('runs-on', 'vm:v6', 'host:h3'),
    rel('runs-on', 'container:c1', 'vm:v3'),
    rel('runs-on', 'container:c2', 'vm:v6'),
    // web: two hosts of rack r1 behind one ToR. api: racks r1 and r2, nothing shared.
    rel('runs-on', 'service:web', 'vm:v1'),
    rel('runs-on', 'service:web', 'vm:v2'),
    rel('runs-on', 'service:api', 'vm:v1'),
    rel('runs-on', 'service:api', 'vm:v3'),
    // cache: two containers, on two VMs, on one host.
    rel('runs-on', 'service:cache', 'container:c1'),
    rel('runs-on', 'service:cache', 'container:c2'),
    // queue: two racks, but both hosts single-fed from UPS 1 and behind one ToR.
    rel('runs-on', 'service:queue', 'vm:v4'),
    rel('runs-on', 'service:queue', 'vm:v5'),
    // lonely has one replica (nothing to spread); unplaced has a replica with no known host.
    rel('runs-on', 'service:lonely', 'vm:v1'),
    rel('runs-on', 'service:unplaced', 'vm:v1'),
    rel('runs-on', 'service:unplaced', 'vm:orphan'),
  ];
  return { entities, relations };
}

async function findings(): Promise<Map<string, LintFinding>> {
  const { entities, relations } = estate();
  const list = singlePointOfFailureRule.check(await testView(entities, relations), defaultLintSettings(0));
  return new Map(list.map((finding) => [finding.evidence.workload as string, finding]));
}

describe('single-point-of-failure', () => {
  it('flags replicas sharing a rack and a switch, and leaves spread or unknowable ones alone', async () => {
    const byWorkload = await findings();
    expect([...byWorkload.keys()].sort()).toEqual(['service:cache', 'service:queue', 'service:web']);
    expect(byWorkload.get('service:web')).toMatchObject({
      severity: 'error',
      entities: ['service:web', 'rack:r1', 'switch:tor-1'],
      evidence: {
        sharedMachine: null,
        sharedRack: 'rack:r1',
        sharedPower: [],
        sharedNetwork: ['switch:tor-1'],
      },
    });
    expect(byWorkload.get('service:web')?.fix).toContain('another rack');
  });

  it('follows containers through VMs to one host, with what that host’s paths share', async () => {
    const cache = (await findings()).get('service:cache');
    expect(cache?.evidence).toMatchObject({
      sharedMachine: 'host:h3',
      sharedRack: 'rack:r2',
      sharedPower: [],
      // Two ToRs, but both uplink only to spine-1; the peer link between them is no way out.
      sharedNetwork: ['switch:spine-1'],
      replicas: [
        { id: 'container:c1', machine: 'host:h3' },
        { id: 'container:c2', machine: 'host:h3' },
      ],
    });
    expect(cache?.fix).toContain('at least two machines');
  });

  it('finds a shared UPS and feed behind different single-fed PDUs, nearest first', async () => {
    const queue = (await findings()).get('service:queue');
    expect(queue?.evidence).toMatchObject({
      sharedMachine: null,
      sharedRack: null,
      sharedPower: ['ups:1', 'power-feed:a'],
      sharedNetwork: ['switch:tor-3'],
    });
    expect(queue?.message).toContain('draw power through ups:1, power-feed:a');
  });

  it('takes a rack’s power when the host has none of its own', async () => {
    const { entities, relations } = estate();
    const kept = relations.filter(
      (relation) => !(relation.type === 'powered-by' && relation.from === 'host:h3'),
    );
    kept.push(rel('powered-by', 'rack:r2', 'pdu:r2-a'));
    kept.push(rel('runs-on', 'service:lonely', 'vm:v6'));
    const list = singlePointOfFailureRule.check(await testView(entities, kept), defaultLintSettings(0));
    const lonely = list.find((finding) => finding.evidence.workload === 'service:lonely');
    // lonely now runs on v1 (h1, r1, dual-fed) and v6 (h3, r2, fed only through pdu:r2-a): nothing in common.
    expect(lonely).toBeUndefined();
    const cache = list.find((finding) => finding.evidence.workload === 'service:cache');
    expect(cache?.evidence.sharedPower).toEqual(['pdu:r2-a', 'ups:1', 'power-feed:a']);
  });
});
