import type { EntityId } from '../../../model/index.js';
import { FailureDomains, intersect } from '../failure-domains.js';
import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import { listNames } from '../prop-values.js';
import { type ReplicatedWorkload, replicatedWorkloads } from '../replicated-workloads.js';

const rule = 'single-point-of-failure';

interface SharedDomains {
  machine: EntityId | undefined;
  rack: EntityId | undefined;
  power: EntityId[];
  network: EntityId[];
}

/**
 * A service (any entity running on two or more replicas) whose replicas all fail together: on one
 * machine, in one rack, behind one power source or one network device. Replicas are resolved
 * down runs-on to their machine; a replica with no known machine makes the check unknowable, so
 * such a workload is skipped rather than guessed.
 */
export const singlePointOfFailureRule: LintRule = {
  name: rule,
  description: 'all replicas of a service on one host, rack, PDU/UPS/feed or switch',
  check(view) {
    const domains = new FailureDomains(view);
    const findings: LintFinding[] = [];
    for (const workload of replicatedWorkloads(view)) {
      const machines = workload.replicas.map((replica) => domains.machineOf(replica.id)?.id);
      if (machines.some((machine) => machine === undefined)) continue;
      const shared = sharedDomains(domains, [...new Set(machines as EntityId[])]);
      if (shared) findings.push(finding(workload, machines as EntityId[], shared));
    }
    return findings;
  },
};

function sharedDomains(domains: FailureDomains, machines: readonly EntityId[]): SharedDomains | undefined {
  const racks = machines.map((machine) => domains.rackOf(machine));
  const firstRack = racks[0];
  const shared: SharedDomains = {
    machine: machines.length === 1 ? machines[0] : undefined,
    rack: firstRack !== undefined && racks.every((rack) => rack === firstRack) ? firstRack : undefined,
    power: [...common(machines.map((machine) => domains.powerSpofs(machine)))],
    network: [...common(machines.map((machine) => domains.networkSpofs(machine)))],
  };
  const any = shared.machine || shared.rack || shared.power.length > 0 || shared.network.length > 0;
  return any ? shared : undefined;
}

/** Keeps the first set's order: nearest the machines first. */
function common(sets: ReadonlyArray<ReadonlySet<EntityId>>): Set<EntityId> {
  const [first, ...rest] = sets;
  return rest.reduce<Set<EntityId>>((shared, set) => intersect(shared, set), new Set(first));
}

function finding(workload: ReplicatedWorkload, machines: EntityId[], shared: SharedDomains): LintFinding {
  const id = workload.workload.id;
  const count = workload.replicas.length;
  const parts = [
    shared.machine ? `run on one machine, ${shared.machine}` : '',
    shared.rack ? `sit in one rack, ${shared.rack}` : '',
    shared.power.length > 0 ? `draw power through ${listNames(shared.power)}` : '',
    shared.network.length > 0 ? `reach the network only through ${listNames(shared.network)}` : '',
  ].filter((part) => part !== '');
  const domainIds = [shared.machine, shared.rack, ...shared.power, ...shared.network].filter(
    (domain): domain is EntityId => domain !== undefined,
  );
  return {
    rule,
    severity: 'error',
    message: `all ${count} replicas of ${id} ${parts.join('; ')}: one failure there takes ${id} down`,
    entities: [id, ...domainIds],
    evidence: {
      workload: id,
      replicas: workload.replicas.map((replica, index) => ({
        id: replica.id,
        machine: machines[index] ?? null,
      })),
      sharedMachine: shared.machine ?? null,
      sharedRack: shared.rack ?? null,
      sharedPower: shared.power,
      sharedNetwork: shared.network,
    },
    fix: fixFor(id, shared),
  };
}

function fixFor(id: EntityId, shared: SharedDomains): string {
  const fixes: string[] = [];
  if (shared.machine)
    fixes.push(`run the replicas of ${id} on at least two machines (an anti-affinity rule)`);
  if (shared.rack || shared.machine) fixes.push('put at least one replica in another rack');
  if (shared.power.length > 0) {
    fixes.push(
      `give a replica a power path that avoids ${shared.power[0]} (a host fed by an independent A+B PDU pair, or one elsewhere)`,
    );
  }
  if (shared.network.length > 0) {
    fixes.push(
      `give a replica a network path that avoids ${shared.network[0]} (a second uplink to another switch)`,
    );
  }
  return fixes.join('; ');
}
