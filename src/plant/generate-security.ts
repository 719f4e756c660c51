// What the attack graph needs of the demo estate (docs/attack.md): network segments over the
// generator's address plan, the internet, a handful of real CVEs on a few percent of the machines,
// credentials that open other machines, management cards with default passwords, crown jewels.
// Enough for attack paths to exist and to be cut; small next to the estate (a few percent).
import type { EntityInput } from '../model/index.js';
import type { EstateBuilder } from './estate-builder.js';
import type { SeededRandom } from './random.js';

interface DemoVulnerability {
  readonly id: string;
  readonly title: string;
  readonly props: Readonly<Record<string, string | number | boolean>>;
}

/** Real CVEs with their published vectors; EPSS values are a dated snapshot's order of magnitude. */
const catalog: readonly DemoVulnerability[] = [
  {
    id: 'CVE-2021-44228',
    title: 'Apache Log4j2 remote code execution (Log4Shell)',
    props: { cvssV3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', epss: 0.94, kev: true },
  },
  {
    id: 'CVE-2024-6387',
    title: 'OpenSSH signal handler race (regreSSHion)',
    props: { cvssV3Vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', epss: 0.2 },
  },
  {
    id: 'CVE-2023-38545',
    title: 'curl SOCKS5 heap buffer overflow',
    props: { cvssV3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', epss: 0.05 },
  },
  {
    id: 'CVE-2021-4034',
    title: 'polkit pkexec local privilege escalation (PwnKit)',
    props: { cvssV3Vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', epss: 0.85, kev: true },
  },
  {
    id: 'CVE-2022-0847',
    title: 'Linux pipe buffer flags (Dirty Pipe)',
    props: { cvssV3Vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', epss: 0.7, kev: true },
  },
  {
    id: 'CVE-2023-44487',
    title: 'HTTP/2 rapid reset denial of service',
    props: { cvssV3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', epss: 0.8, kev: true },
  },
  {
    id: 'CVE-2019-1549',
    title: 'OpenSSL fork-safety of the random number generator',
    props: { cvssV3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', epss: 0.003 },
  },
];

const databasePorts: Readonly<Record<string, number>> = {
  postgresql: 5432,
  mysql: 3306,
  mongodb: 27017,
  cassandra: 9042,
  redis: 6379,
};

const facilityKinds = new Set(['pdu', 'ups', 'cooling-unit']);

/**
 * Adds the security facts to a generated estate. Deterministic for the generator's seed: every draw
 * comes from (seed, the entity's id).
 */
export function addSecurityFacts(builder: EstateBuilder, random: SeededRandom): void {
  const entities = [...builder.entities];
  addSegments(builder);
  for (const vulnerability of catalog)
    builder.add({
      id: `vulnerability:${vulnerability.id}`,
      kind: 'vulnerability',
      name: vulnerability.id,
      props: { title: vulnerability.title, ...vulnerability.props },
    });
  builder.add({
    id: 'vulnerability:default-management-password',
    kind: 'vulnerability',
    name: 'default management password',
    props: { title: 'Management card still has its factory password', exploit: 'remote-code-execution' },
  });
  const machines = entities.filter((e) => e.kind === 'host' || e.kind === 'vm' || e.kind === 'container');
  for (const machine of machines) addMachineFlaws(builder, random, machine);
  const frontends = entities.filter((e) => e.kind === 'service' && e.props?.entryPoint === true);
  if (frontends[0]) builder.relate('has-vulnerability', frontends[0].id, 'vulnerability:CVE-2021-44228');
  for (const device of entities.filter((e) => facilityKinds.has(e.kind))) {
    if (random.reset(`${device.id}/card`).chance(0.1))
      builder.relate('has-vulnerability', device.id, 'vulnerability:default-management-password');
  }
  addDatabaseCredentials(builder, random, entities, machines);
  addDeployKeys(builder, random, machines);
}

/** Segments over the generator's address plan: hosts 10.0/10, guests 10.64/10, cards 10.192/10. */
function addSegments(builder: EstateBuilder): void {
  builder.add({
    id: 'network-segment:internet',
    kind: 'network-segment',
    name: 'internet',
    props: { internet: true },
  });
  builder.add({
    id: 'network-segment:servers',
    kind: 'network-segment',
    name: 'servers',
    props: { cidrs: ['10.0.0.0/10'] },
  });
  builder.add({
    id: 'network-segment:workloads',
    kind: 'network-segment',
    name: 'workloads',
    props: { cidrs: ['10.64.0.0/10'] },
  });
  builder.add({
    id: 'network-segment:management',
    kind: 'network-segment',
    name: 'management',
    props: { cidrs: ['10.192.0.0/10'] },
  });
  builder.relate('allows', 'network-segment:workloads', 'network-segment:servers', {
    ports: '22',
    protocol: 'tcp',
  });
  builder.relate('allows', 'network-segment:servers', 'network-segment:workloads', {
    ports: '*',
    protocol: 'any',
  });
  builder.relate('allows', 'network-segment:servers', 'network-segment:management', {
    ports: '22,443,161',
    protocol: 'any',
  });
}

/** A few percent of machines carry a remote or local flaw; most carry something harmless. */
function addMachineFlaws(builder: EstateBuilder, random: SeededRandom, machine: EntityInput): void {
  random.reset(`${machine.id}/flaws`);
  const flaw = (id: string, key: string) =>
    builder.relate('has-vulnerability', machine.id, `vulnerability:${id}`, { package: key, source: 'demo' });
  if (machine.kind === 'host' && random.chance(0.03)) flaw('CVE-2024-6387', 'openssh-server');
  if (machine.kind !== 'host' && random.chance(0.02)) flaw('CVE-2023-38545', 'libcurl');
  if (random.chance(0.05))
    flaw(
      random.chance(0.5) ? 'CVE-2021-4034' : 'CVE-2022-0847',
      machine.kind === 'container' ? 'libc' : 'kernel',
    );
  if (random.chance(0.2)) flaw('CVE-2023-44487', 'nghttp2');
  if (random.chance(0.3)) flaw('CVE-2019-1549', 'openssl');
}

/**
 * Each database's password sits on the machines of the services that call it (in their config,
 * readable by the service's user), and a few machines keep a root-only copy. The first two databases
 * are crown jewels; the first caller of the first one also runs a flawed libcurl, so the demo has a
 * path in: Log4Shell on the shop, the caller's curl flaw, its config, the database.
 */
function addDatabaseCredentials(
  builder: EstateBuilder,
  random: SeededRandom,
  entities: readonly EntityInput[],
  machines: readonly EntityInput[],
): void {
  const runsOn = new Map<string, string[]>();
  const callers = new Map<string, string[]>();
  for (const relation of builder.relations) {
    if (relation.type === 'runs-on')
      runsOn.set(relation.from, [...(runsOn.get(relation.from) ?? []), relation.to]);
    if (relation.type === 'depends-on')
      callers.set(relation.to, [...(callers.get(relation.to) ?? []), relation.from]);
  }
  const databases = entities.filter((e) => e.kind === 'database');
  databases.forEach((database, index) => {
    const props = database.props ?? {};
    const port = databasePorts[String(props.engine)];
    if (port !== undefined) props.port = port;
    if (index < 2) (database.labels as Record<string, string>)['crown-jewel'] = 'true';
    const credential = `credential:${database.id.slice(database.id.indexOf(':') + 1)}-admin`;
    builder.add({ id: credential, kind: 'credential', props: { credentialType: 'password' } });
    builder.relate('trusts', database.id, credential, { privilege: 'root' });
    const places = new Set((callers.get(database.id) ?? []).flatMap((caller) => runsOn.get(caller) ?? []));
    for (const place of places) builder.relate('stored-on', credential, place, { requiresPrivilege: 'user' });
    const keeper = machines[random.reset(credential).int(0, machines.length - 1)];
    if (keeper && !places.has(keeper.id))
      builder.relate('stored-on', credential, keeper.id, { requiresPrivilege: 'root' });
    const firstPlace = [...places][0];
    const flawed = builder.relations.some(
      (r) =>
        r.type === 'has-vulnerability' && r.from === firstPlace && r.to === 'vulnerability:CVE-2023-38545',
    );
    if (index === 0 && firstPlace && !flawed)
      builder.relate('has-vulnerability', firstPlace, 'vulnerability:CVE-2023-38545', {
        package: 'libcurl',
        source: 'demo',
      });
  });
}

/** A deploy key on a few workloads that opens SSH on a few hosts. */
function addDeployKeys(builder: EstateBuilder, random: SeededRandom, machines: readonly EntityInput[]): void {
  const hosts = machines.filter((machine) => machine.kind === 'host');
  const guests = machines.filter((machine) => machine.kind !== 'host');
  const keys = Math.max(1, Math.round(hosts.length / 50));
  for (let k = 0; k < keys; k++) {
    const key = `credential:deploy-key-${k + 1}`;
    random.reset(key);
    builder.add({ id: key, kind: 'credential', props: { credentialType: 'ssh-key' } });
    const holder = guests[random.int(0, Math.max(0, guests.length - 1))];
    if (holder) builder.relate('stored-on', key, holder.id);
    const opens = new Set<string>();
    for (let t = 0; t < 3; t++) {
      const host = hosts[random.int(0, Math.max(0, hosts.length - 1))];
      if (host) opens.add(host.id);
    }
    for (const host of opens) builder.relate('trusts', host, key, { port: 22 });
  }
}
