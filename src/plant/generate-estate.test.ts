import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtinKinds,
  type EntityInput,
  InputError,
  isValidEntityId,
  type RelationInput,
  relationId,
} from '../model/index.js';
import { generateEstate } from './generate-estate.js';

const estate400 = generateEstate({ hosts: 400, seed: 42 });

function kindsById(entities: readonly EntityInput[]): Map<string, string> {
  return new Map(entities.map((entity) => [entity.id, entity.kind]));
}

function byType(relations: readonly RelationInput[], type: RelationInput['type']): RelationInput[] {
  return relations.filter((relation) => relation.type === type);
}

/** Kahn's algorithm over depends-on: what is left over sits on a cycle. */
function isAcyclic(relations: readonly RelationInput[]): boolean {
  const edges = byType(relations, 'depends-on');
  const indegree = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const { from, to } of edges) {
    indegree.set(to, (indegree.get(to) ?? 0) + 1);
    indegree.set(from, indegree.get(from) ?? 0);
    out.set(from, [...(out.get(from) ?? []), to]);
  }
  const queue = [...indegree].filter(([, degree]) => degree === 0).map(([id]) => id);
  let visited = 0;
  while (queue.length > 0) {
    const id = queue.pop() as string;
    visited++;
    for (const next of out.get(id) ?? []) {
      const degree = (indegree.get(next) as number) - 1;
      indegree.set(next, degree);
      if (degree === 0) queue.push(next);
    }
  }
  return visited === indegree.size;
}

describe('generateEstate at 400 hosts', () => {
  const count = (kind: string) => estate400.entities.filter((entity) => entity.kind === kind).length;

  it('has the advertised shape', () => {
    expect(count('site')).toBe(2);
    expect(count('room')).toBe(4);
    expect(count('rack')).toBe(40);
    expect(count('host')).toBe(400);
    expect(count('vm') + count('container')).toBeGreaterThanOrEqual(1350);
    expect(count('vm') + count('container')).toBeLessThanOrEqual(1650);
    expect(count('service')).toBe(60);
    expect(count('database')).toBeGreaterThanOrEqual(5);
    for (const kind of [
      'switch',
      'router',
      'firewall',
      'load-balancer',
      'link',
      'pdu',
      'ups',
      'power-feed',
      'sensor',
    ]) {
      expect(count(kind), kind).toBeGreaterThan(0);
    }
    expect(count('pdu')).toBe(80);
    expect(count('sensor')).toBe(40);
    expect(byType(estate400.relations, 'depends-on').length).toBeGreaterThan(60);
  });

  it('summarises exactly what it generated', () => {
    expect(estate400.summary.host).toBe(400);
    expect(estate400.summary.entities).toBe(estate400.entities.length);
    expect(estate400.summary.relations).toBe(estate400.relations.length);
    expect(estate400.summary['powered-by']).toBe(byType(estate400.relations, 'powered-by').length);
  });

  it('uses readable ids in the documented shapes', () => {
    const ids = new Set(estate400.entities.map((entity) => entity.id));
    for (const id of [
      'site:dc1',
      'room:dc1/a',
      'rack:dc1/a/r01',
      'host:dc1-a-r01-h01',
      'switch:dc1-a-r01-tor-a',
      'pdu:dc1/a/r01-a',
      'ups:dc1/a-1',
      'power-feed:dc1-utility-a',
      'cooling-unit:dc1/a-crah-1',
      'sensor:dc1/a/r01-inlet',
      'service:checkout',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('has valid ids and no relation twice', () => {
    expect(estate400.entities.filter((entity) => !isValidEntityId(entity.id))).toEqual([]);
    expect(new Set(estate400.relations.map(relationId)).size).toBe(estate400.relations.length);
  });

  it('has every relation end among its entities', () => {
    const kinds = kindsById(estate400.entities);
    const dangling = estate400.relations.filter(
      (relation) => !kinds.has(relation.from) || !kinds.has(relation.to),
    );
    expect(dangling).toEqual([]);
  });

  it('uses only catalog kinds and props, and relations each kind allows', () => {
    const kinds = kindsById(estate400.entities);
    for (const entity of estate400.entities) {
      const spec = builtinKinds.get(entity.kind);
      expect(spec, entity.kind).toBeDefined();
      for (const prop of Object.keys(entity.props ?? {}))
        expect(spec?.props[prop], `${entity.kind}.${prop}`).toBeDefined();
    }
    const refused = new Set<string>();
    for (const relation of estate400.relations) {
      const fromKind = kinds.get(relation.from) as string;
      const toKind = kinds.get(relation.to) as string;
      const allowed = builtinKinds.get(fromKind)?.relations[relation.type] ?? [];
      if (!allowed.includes(toKind) && !allowed.includes('*'))
        refused.add(`${fromKind} ${relation.type} ${toKind}`);
    }
    expect([...refused]).toEqual([]);
  });

  it('wires power, cooling and network as the blast-radius rules read them', () => {
    const kinds = kindsById(estate400.entities);
    const hostId = 'host:dc1-a-r01-h01';
    const poweredBy = estate400.relations
      .filter((r) => r.type === 'powered-by' && r.from === hostId)
      .map((r) => r.to);
    expect(poweredBy.sort()).toEqual(['pdu:dc1/a/r01-a', 'pdu:dc1/a/r01-b']);
    const uplinks = estate400.relations
      .filter((r) => r.type === 'connects' && r.from === hostId)
      .map((r) => r.to);
    expect(uplinks.sort()).toEqual(['switch:dc1-a-r01-tor-a', 'switch:dc1-a-r01-tor-b']);
    const pduA = estate400.relations.filter((r) => r.type === 'powered-by' && r.from === 'pdu:dc1/a/r01-a');
    expect(pduA.map((r) => r.to)).toEqual(['ups:dc1/a-1']);
    const upsFeeds = estate400.relations.filter((r) => r.type === 'powered-by' && r.from === 'ups:dc1/a-2');
    expect(upsFeeds.map((r) => r.to)).toEqual(['power-feed:dc1-utility-b']);
    const roomUnits = estate400.relations.filter(
      (r) => r.type === 'contains' && r.from === 'room:dc1/a' && kinds.get(r.to) === 'cooling-unit',
    );
    const rackCooling = estate400.relations.filter(
      (r) => r.type === 'cooled-by' && r.from === 'rack:dc1/a/r01',
    );
    expect(rackCooling.length).toBe(roomUnits.length);
    // ToR → link → spine, written from the downstream device to its uplink.
    const torLinks = estate400.relations.filter(
      (r) => r.type === 'connects' && r.from === 'switch:dc1-a-r01-tor-a' && r.props?.peer !== true,
    );
    expect(torLinks.map((r) => kinds.get(r.to))).toEqual(['link', 'link']);
    for (const link of torLinks) {
      const onward = estate400.relations.filter((r) => r.type === 'connects' && r.from === link.to);
      expect(onward.map((r) => r.to)).toEqual([expect.stringMatching(/^switch:dc1-a-spine-\d$/)]);
    }
    for (const relation of byType(estate400.relations, 'depends-on')) {
      if (kinds.get(relation.to) === 'load-balancer') continue;
      expect(typeof relation.props?.callsPerRequest).toBe('number');
      expect(typeof relation.props?.bytesPerCall).toBe('number');
    }
  });

  it('sizes cooling N+1 and each PDU for its whole rack', () => {
    const props = new Map(estate400.entities.map((entity) => [entity.id, entity.props ?? {}]));
    const units = estate400.entities.filter((entity) => entity.id.startsWith('cooling-unit:dc1/a-'));
    const capacity = units.map((unit) => unit.props?.capacityWatts as number);
    const racks = estate400.relations
      .filter((r) => r.type === 'contains' && r.from === 'room:dc1/a' && r.to.startsWith('rack:'))
      .map((r) => props.get(r.to)?.powerBudgetWatts as number);
    const design = racks.reduce((sum, watts) => sum + watts, 0);
    const total = capacity.reduce((sum, watts) => sum + watts, 0);
    expect(total - Math.max(...capacity)).toBeGreaterThanOrEqual(design);
    for (const unit of units) {
      expect(unit.props?.setpointCelsius).toBeGreaterThanOrEqual(18);
      expect(unit.props?.setpointCelsius).toBeLessThanOrEqual(22);
    }
    const budget = props.get('rack:dc1/a/r01')?.powerBudgetWatts as number;
    expect(props.get('pdu:dc1/a/r01-a')?.ratedWatts as number).toBeGreaterThanOrEqual(budget);
  });

  it('spreads each service over several racks', () => {
    const rackOfHost = new Map(
      byType(estate400.relations, 'contains')
        .filter((r) => r.from.startsWith('rack:') && r.to.startsWith('host:'))
        .map((r) => [r.to, r.from]),
    );
    const hostOfGuest = new Map(
      byType(estate400.relations, 'runs-on')
        .filter((r) => r.to.startsWith('host:'))
        .map((r) => [r.from, r.to]),
    );
    for (const service of estate400.entities.filter((entity) => entity.kind === 'service')) {
      const replicas = estate400.relations.filter((r) => r.type === 'runs-on' && r.from === service.id);
      expect(replicas.length, service.id).toBe(service.props?.replicas);
      const racks = new Set(replicas.map((r) => rackOfHost.get(hostOfGuest.get(r.to) as string)));
      expect(racks.size, service.id).toBeGreaterThanOrEqual(Math.min(2, replicas.length));
    }
  });
});

describe('generateEstate determinism and scaling', () => {
  it('gives the same estate for the same seed and a different one for another seed', () => {
    const again = generateEstate({ hosts: 400, seed: 42 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(estate400));
    const other = generateEstate({ hosts: 400, seed: 43 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(estate400));
  });

  it('keeps an entity’s values when the estate around it grows', () => {
    const small = generateEstate({ hosts: 20, seed: 5 });
    const large = generateEstate({ hosts: 30, seed: 5 });
    const host = (estate: typeof small) =>
      estate.entities.find((entity) => entity.id === 'host:dc1-a-r01-h03');
    expect(host(large)?.props).toEqual(host(small)?.props);
  });

  it('scales from 10 hosts with at least three services', () => {
    const tiny = generateEstate({ hosts: 10, seed: 1 });
    expect(tiny.summary.host).toBe(10);
    expect(tiny.summary.service).toBe(3);
    expect(tiny.summary.site).toBe(1);
    expect(isAcyclic(tiny.relations)).toBe(true);
  });

  it('reports progress up to the total', () => {
    const calls: Array<[number, number]> = [];
    generateEstate({ hosts: 50, seed: 1 }, (done, total) => calls.push([done, total]));
    expect(calls.at(-1)).toEqual([50, 50]);
  });

  it('rejects a host count it cannot build', () => {
    expect(() => generateEstate({ hosts: 0, seed: 1 })).toThrow(InputError);
    expect(() => generateEstate({ hosts: 2.5, seed: 1 })).toThrow(/hosts must be an integer/);
  });

  it('holds its invariants for any seed and size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 10, max: 300 }),
        (seed, hosts) => {
          const estate = generateEstate({ hosts, seed });
          const kinds = kindsById(estate.entities);
          expect(kinds.size).toBe(estate.entities.length);
          expect(estate.summary.host).toBe(hosts);
          expect(estate.summary.service).toBe(Math.max(3, Math.round(hosts * 0.15)));
          const containedIn = new Map<string, string[]>();
          const poweredBy = new Map<string, string[]>();
          for (const relation of estate.relations) {
            expect(kinds.has(relation.from) && kinds.has(relation.to)).toBe(true);
            if (relation.type === 'contains')
              containedIn.set(relation.to, [...(containedIn.get(relation.to) ?? []), relation.from]);
            if (relation.type === 'powered-by')
              poweredBy.set(relation.from, [...(poweredBy.get(relation.from) ?? []), relation.to]);
          }
          for (const entity of estate.entities) {
            if (entity.kind !== 'host') continue;
            const parents = containedIn.get(entity.id) ?? [];
            expect(parents.length).toBe(1);
            expect(kinds.get(parents[0] as string)).toBe('rack');
            const sources = poweredBy.get(entity.id) ?? [];
            expect(sources.length).toBe(2);
            expect(new Set(sources).size).toBe(2);
          }
          expect(isAcyclic(estate.relations)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
