// A synthetic enterprise estate for the attack benchmark: an internet-facing DMZ, application
// segments, database segments holding the crown jewels and a management network with PDU cards;
// every host listens on a few ports and carries package vulnerabilities drawn from a CVE pool of
// realistic vectors; credentials sit on hosts and open others. Seeded: the same estate every run.
import type { Operation } from '../src/model/index.js';
import { mulberry32 } from './bench-utils.js';

export interface AttackEstateSize {
  readonly hosts: number;
  readonly vulnerabilityInstances: number;
  readonly jewels: number;
  readonly seed: number;
}

const vectors = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // remote code execution
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', // local privilege escalation
  'CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', // information disclosure
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', // denial of service: no foothold
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', // XSS: no foothold
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
];
/** Weights of the vectors above: most findings are low-impact, a few give a foothold. */
const vectorWeights = [1, 1, 2, 3, 2, 3, 10, 10, 30, 38];

export function attackEstate(size: AttackEstateSize): Operation[] {
  const random = mulberry32(size.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = () => {
    let r = random() * vectorWeights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < vectorWeights.length; i++) {
      r -= vectorWeights[i] as number;
      if (r <= 0) return i;
    }
    return vectorWeights.length - 1;
  };
  const ops: Operation[] = [];
  const segment = (name: string, cidr: string | undefined, internet = false) => {
    ops.push({
      op: 'upsert-entity',
      entity: {
        id: `network-segment:${name}`,
        kind: 'network-segment',
        props: internet ? { internet } : { cidrs: [cidr as string] },
      },
    });
    return `network-segment:${name}`;
  };
  const allow = (from: string, to: string, ports: string) =>
    ops.push({
      op: 'upsert-relation',
      relation: { type: 'allows', from, to, key: ports, props: { ports, protocol: 'tcp' } },
    });

  segment('internet', undefined, true);
  const dmz = segment('dmz', '10.0.0.0/16');
  const appSegments = Array.from({ length: 20 }, (_, i) => segment(`app-${i}`, `10.${1 + i}.0.0/16`));
  const dbSegments = Array.from({ length: 4 }, (_, i) => segment(`db-${i}`, `10.${100 + i}.0.0/16`));
  const mgmt = segment('mgmt', '10.200.0.0/16');
  appSegments.forEach((app, i) => {
    allow(dmz, app, '8080');
    allow(app, pick(dbSegments), '5432');
    allow(app, appSegments[(i + 1 + Math.floor(random() * 19)) % 20] as string, '8080,22');
    allow(app, mgmt, '443');
  });

  const dmzHosts = Math.round(size.hosts * 0.05);
  const dbHosts = Math.round(size.hosts * 0.1);
  const hosts: Array<{ id: string; ports: number[] }> = [];
  for (let i = 0; i < size.hosts; i++) {
    const tier = i < dmzHosts ? 'dmz' : i < dmzHosts + dbHosts ? 'db' : 'app';
    const seg = tier === 'dmz' ? 0 : tier === 'db' ? 100 + (i % 4) : 1 + (i % 20);
    const ip = `10.${seg}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
    const id = `host:${tier}-${i}`;
    const jewel = tier === 'db' && i - dmzHosts < size.jewels;
    ops.push({
      op: 'upsert-entity',
      entity: {
        id,
        kind: 'host',
        ...(jewel ? { labels: { 'crown-jewel': 'true' } } : {}),
        props: { ipAddresses: [ip] },
      },
    });
    const ports = tier === 'dmz' ? [443, 22] : tier === 'db' ? [5432, 22] : [8080, 22];
    for (const port of ports) {
      const service = `network-service:${tier}-${i}/tcp/${port}`;
      ops.push({
        op: 'upsert-entity',
        entity: { id: service, kind: 'network-service', props: { port, protocol: 'tcp' } },
      });
      ops.push({ op: 'upsert-relation', relation: { type: 'runs-on', from: service, to: id } });
    }
    if (tier === 'dmz') {
      const shop = `service:shop-${i}`;
      ops.push({
        op: 'upsert-entity',
        entity: { id: shop, kind: 'service', props: { entryPoint: true, port: 443 } },
      });
      ops.push({ op: 'upsert-relation', relation: { type: 'runs-on', from: shop, to: id } });
    }
    hosts.push({ id, ports });
  }
  ops.push({
    op: 'upsert-entity',
    entity: {
      id: 'vulnerability:default-password',
      kind: 'vulnerability',
      props: { exploit: 'remote-code-execution' },
    },
  });
  for (let i = 0; i < 20; i++) {
    const pdu = `pdu:pdu-${i}`;
    ops.push({
      op: 'upsert-entity',
      entity: { id: pdu, kind: 'pdu', props: { managementIp: `10.200.0.${i + 1}`, ratedWatts: 7400 } },
    });
    if (i % 2 === 0)
      ops.push({
        op: 'upsert-relation',
        relation: { type: 'has-vulnerability', from: pdu, to: 'vulnerability:default-password' },
      });
    for (let h = i; h < hosts.length; h += 20)
      ops.push({
        op: 'upsert-relation',
        relation: { type: 'powered-by', from: hosts[h]?.id as string, to: pdu },
      });
  }

  const cves = Math.max(50, Math.round(size.vulnerabilityInstances / 50));
  const cveVector: number[] = [];
  for (let c = 0; c < cves; c++) {
    const vector = weighted();
    cveVector.push(vector);
    ops.push({
      op: 'upsert-entity',
      entity: {
        id: `vulnerability:CVE-2026-${10000 + c}`,
        kind: 'vulnerability',
        props: {
          cvssV3Vector: vectors[vector] as string,
          epss: Math.round(random() ** 4 * 1000) / 1000,
          kev: random() < 0.01,
        },
      },
    });
  }
  for (let v = 0; v < size.vulnerabilityInstances; v++) {
    const host = pick(hosts);
    const cve = Math.floor(random() * cves);
    // Remote flaws sit in a listening service; the rest in the host's packages.
    const remote = (cveVector[cve] as number) < 3 || (cveVector[cve] as number) === 5;
    const from = remote ? `network-service:${host.id.slice(5)}/tcp/${pick(host.ports)}` : host.id;
    ops.push({
      op: 'upsert-relation',
      relation: {
        type: 'has-vulnerability',
        from,
        to: `vulnerability:CVE-2026-${10000 + cve}`,
        key: `pkg-${v}`,
      },
    });
  }
  const credentials = Math.round(size.hosts / 5);
  for (let c = 0; c < credentials; c++) {
    const id = `credential:cred-${c}`;
    ops.push({
      op: 'upsert-entity',
      entity: { id, kind: 'credential', props: { credentialType: 'password' } },
    });
    ops.push({
      op: 'upsert-relation',
      relation: {
        type: 'stored-on',
        from: id,
        to: pick(hosts).id,
        props: { requiresPrivilege: random() < 0.5 ? 'root' : 'user' },
      },
    });
    for (let k = 0; k < 3; k++) {
      const target = pick(hosts);
      ops.push({
        op: 'upsert-relation',
        relation: {
          type: 'trusts',
          from: target.id,
          to: id,
          key: `k${k}`,
          props: { port: 22, privilege: random() < 0.3 ? 'root' : 'user' },
        },
      });
    }
  }
  return ops;
}
