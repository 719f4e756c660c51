import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EntityInput,
  MemoryTwinStore,
  type Operation,
  type RelationInput,
  Twin,
  type TwinView,
} from '../../model/index.js';
import { estateOperations, type GeneratedEstate, generateEstate } from '../../plant/index.js';
import type { LintFinding } from './lint-finding.js';
import { runLint } from './lint-registry.js';

async function load(estate: GeneratedEstate): Promise<TwinView> {
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => 1_000 });
  const ops: Operation[] = estateOperations(estate);
  await twin.apply({ actor: 'test', ops });
  return twin.live;
}

const numberOf = (entity: EntityInput | undefined, prop: string): number => {
  const value = entity?.props?.[prop];
  return typeof value === 'number' ? value : 0;
};

/** What the rules must find, worked out from the generator's output directly, not through the rules. */
function expectedOvercommit(estate: GeneratedEstate): string[] {
  const byId = new Map(estate.entities.map((entity) => [entity.id, entity]));
  const asks = new Map<string, { cpu: number; memory: number }>();
  for (const relation of estate.relations) {
    const guest = byId.get(relation.from);
    if (relation.type !== 'runs-on' || !guest || !['vm', 'container'].includes(guest.kind)) continue;
    const sum = asks.get(relation.to) ?? { cpu: 0, memory: 0 };
    sum.cpu += numberOf(guest, 'cpuCores');
    sum.memory += numberOf(guest, 'memoryBytes');
    asks.set(relation.to, sum);
  }
  const expected: string[] = [];
  for (const [hostId, sum] of asks) {
    const host = byId.get(hostId);
    if (sum.cpu > 4 * numberOf(host, 'cpuCores')) expected.push(`${hostId} cpuCores`);
    if (sum.memory > numberOf(host, 'memoryBytes')) expected.push(`${hostId} memoryBytes`);
  }
  return expected.sort();
}

function expectedOsDrift(estate: GeneratedEstate): string[] {
  const byId = new Map(estate.entities.map((entity) => [entity.id, entity]));
  const oses = new Map<string, Set<string>>();
  for (const relation of estate.relations) {
    if (relation.type !== 'runs-on' || !/^(service|database):/.test(relation.from)) continue;
    const os = byId.get(relation.to)?.props?.os;
    const set = oses.get(relation.from) ?? new Set<string>();
    if (typeof os === 'string') set.add(os);
    oses.set(relation.from, set);
  }
  return [...oses]
    .filter(([, set]) => set.size > 1)
    .map(([id]) => id)
    .sort();
}

describe('lint on the demo estate', () => {
  const estate = generateEstate({ hosts: 400, seed: 11 });
  let findings: LintFinding[];
  beforeAll(async () => {
    findings = runLint(await load(estate));
  });
  const of = (rule: string) => findings.filter((finding) => finding.rule === rule);

  it('runs every rule to the end', () => {
    expect(findings.filter((finding) => finding.message.includes('could not finish'))).toEqual([]);
  });

  it('finds nothing the generator never writes: MTUs, VLANs, certificates, firewall rules', () => {
    for (const rule of ['mtu-mismatch', 'vlan-mismatch', 'certificate-expiry', 'shadowed-firewall-rule']) {
      expect(of(rule), rule).toEqual([]);
    }
  });

  it('finds no duplicate address: the generator numbers every one apart', () => {
    const written = estate.entities.flatMap((entity) => {
      const list = entity.props?.ipAddresses;
      const management = entity.props?.managementIp;
      return [...(Array.isArray(list) ? list : []), ...(typeof management === 'string' ? [management] : [])];
    });
    expect(written.length).toBeGreaterThan(400);
    expect(new Set(written).size).toBe(written.length);
    expect(of('duplicate-ip')).toEqual([]);
  });

  it('flags exactly the hosts whose guests reserve more than 4:1 vCPU or 1:1 memory', () => {
    const expected = expectedOvercommit(estate);
    expect(expected.length).toBeGreaterThan(0);
    const found = of('host-overcommit').map((finding) => `${finding.entities[0]} ${finding.evidence.prop}`);
    expect(found.sort()).toEqual(expected);
  });

  it('flags exactly the services and databases whose replica VMs run different operating systems', () => {
    const drift = of('version-drift');
    expect(drift.every((finding) => finding.evidence.prop === 'os' && finding.severity === 'warning')).toBe(
      true,
    );
    expect(drift.map((finding) => finding.entities[0]).sort()).toEqual(expectedOsDrift(estate));
  });

  it('finds no single point of failure: replicas are spread over dual-fed, dual-homed racks', () => {
    expect(of('single-point-of-failure')).toEqual([]);
  });
});

describe('lint on the demo estate with mistakes put in', () => {
  it('finds a copied address and a service squeezed onto one host', async () => {
    const estate = generateEstate({ hosts: 60, seed: 3 });
    const vm = estate.entities.find(
      (entity) => entity.kind === 'vm' && Array.isArray(entity.props?.ipAddresses),
    );
    const host = estate.entities.find((entity) => entity.kind === 'host') as EntityInput;
    const address = String((vm?.props?.ipAddresses as string[] | undefined)?.[0]);
    host.props = { ...host.props, ipAddresses: [address] };
    const service = estate.relations.find(
      (relation) => relation.type === 'runs-on' && relation.from.startsWith('service:'),
    );
    const serviceId = service?.from as string;
    const replicas = estate.relations.filter(
      (relation) => relation.type === 'runs-on' && relation.from === serviceId,
    );
    const firstReplica = replicas[0]?.to as string;
    const machineOf = (id: string) =>
      estate.relations.find((relation) => relation.type === 'runs-on' && relation.from === id)?.to;
    // Every replica of the service moves onto the first replica's host.
    const target = machineOf(firstReplica) as string;
    const moved: RelationInput[] = estate.relations.map((relation) =>
      relation.type === 'runs-on' && replicas.some((replica) => replica.to === relation.from)
        ? { ...relation, to: target }
        : relation,
    );

    const findings = runLint(await load({ ...estate, relations: moved }), {
      rules: ['duplicate-ip', 'single-point-of-failure'],
    });
    const duplicate = findings.filter((finding) => finding.rule === 'duplicate-ip');
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]?.entities.sort()).toEqual([host.id, vm?.id].sort());
    expect(duplicate[0]?.evidence.address).toBe(address);
    const spof = findings.filter((finding) => finding.rule === 'single-point-of-failure');
    expect(spof.map((finding) => [finding.evidence.workload, finding.evidence.sharedMachine])).toEqual([
      [serviceId, target],
    ]);
  });
});
