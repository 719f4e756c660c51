// A small estate with one way in to the crown jewel, for the analysis tests: the internet reaches
// the shop (Log4Shell) on web-1 in the DMZ; web-1 holds a deploy key that opens SSH on app-1 in the
// internal segment; app-1 has pkexec (CVE-2021-4034) and, readable by root, the orders database's
// admin password; db-1 runs the database and is the crown jewel. The PDU feeding db-1 has a
// management card on a network the internal segment reaches, with its default password.
import type { Operation } from '../../model/index.js';

const log4shell = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H';
const pkexec = 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H';

export const smallEstateOperations: Operation[] = [
  {
    op: 'upsert-entity',
    entity: { id: 'network-segment:internet', kind: 'network-segment', props: { internet: true } },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'network-segment:dmz', kind: 'network-segment', props: { cidrs: ['10.0.1.0/24'] } },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'network-segment:internal', kind: 'network-segment', props: { cidrs: ['10.0.2.0/24'] } },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'network-segment:mgmt', kind: 'network-segment', props: { cidrs: ['10.0.9.0/24'] } },
  },
  { op: 'upsert-entity', entity: { id: 'host:web-1', kind: 'host', props: { ipAddresses: ['10.0.1.10'] } } },
  { op: 'upsert-entity', entity: { id: 'host:app-1', kind: 'host', props: { ipAddresses: ['10.0.2.10'] } } },
  {
    op: 'upsert-entity',
    entity: {
      id: 'host:db-1',
      kind: 'host',
      labels: { 'crown-jewel': 'true' },
      props: { ipAddresses: ['10.0.2.20'] },
    },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'pdu:pdu-a', kind: 'pdu', props: { managementIp: '10.0.9.5', ratedWatts: 5000 } },
  },
  { op: 'upsert-relation', relation: { type: 'powered-by', from: 'host:db-1', to: 'pdu:pdu-a' } },
  {
    op: 'upsert-entity',
    entity: { id: 'service:shop', kind: 'service', props: { entryPoint: true, port: 443 } },
  },
  { op: 'upsert-relation', relation: { type: 'runs-on', from: 'service:shop', to: 'host:web-1' } },
  {
    op: 'upsert-entity',
    entity: {
      id: 'network-service:app-1/tcp/22',
      kind: 'network-service',
      props: { port: 22, protocol: 'tcp', name: 'ssh' },
    },
  },
  {
    op: 'upsert-relation',
    relation: { type: 'runs-on', from: 'network-service:app-1/tcp/22', to: 'host:app-1' },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'database:orders', kind: 'database', props: { engine: 'postgresql', port: 5432 } },
  },
  { op: 'upsert-relation', relation: { type: 'runs-on', from: 'database:orders', to: 'host:db-1' } },
  {
    op: 'upsert-entity',
    entity: {
      id: 'vulnerability:CVE-2021-44228',
      kind: 'vulnerability',
      name: 'CVE-2021-44228',
      props: { cvssV3Vector: log4shell, kev: true },
    },
  },
  {
    op: 'upsert-relation',
    relation: {
      type: 'has-vulnerability',
      from: 'service:shop',
      to: 'vulnerability:CVE-2021-44228',
      key: 'log4j-core',
    },
  },
  {
    op: 'upsert-entity',
    entity: {
      id: 'vulnerability:CVE-2021-4034',
      kind: 'vulnerability',
      name: 'CVE-2021-4034',
      props: { cvssV3Vector: pkexec, epss: 0.85 },
    },
  },
  {
    op: 'upsert-relation',
    relation: {
      type: 'has-vulnerability',
      from: 'host:app-1',
      to: 'vulnerability:CVE-2021-4034',
      key: 'polkit',
    },
  },
  {
    op: 'upsert-entity',
    entity: {
      id: 'vulnerability:pdu-default-password',
      kind: 'vulnerability',
      props: { exploit: 'remote-code-execution' },
    },
  },
  {
    op: 'upsert-relation',
    relation: { type: 'has-vulnerability', from: 'pdu:pdu-a', to: 'vulnerability:pdu-default-password' },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'credential:deploy-key', kind: 'credential', props: { credentialType: 'ssh-key' } },
  },
  { op: 'upsert-relation', relation: { type: 'stored-on', from: 'credential:deploy-key', to: 'host:web-1' } },
  {
    op: 'upsert-relation',
    relation: { type: 'trusts', from: 'host:app-1', to: 'credential:deploy-key', props: { port: 22 } },
  },
  {
    op: 'upsert-entity',
    entity: { id: 'credential:orders-admin', kind: 'credential', props: { credentialType: 'password' } },
  },
  {
    op: 'upsert-relation',
    relation: {
      type: 'stored-on',
      from: 'credential:orders-admin',
      to: 'host:app-1',
      props: { requiresPrivilege: 'root' },
    },
  },
  {
    op: 'upsert-relation',
    relation: {
      type: 'trusts',
      from: 'database:orders',
      to: 'credential:orders-admin',
      props: { privilege: 'root' },
    },
  },
  {
    op: 'upsert-relation',
    relation: {
      type: 'allows',
      from: 'network-segment:dmz',
      to: 'network-segment:internal',
      props: { ports: '22', protocol: 'tcp' },
    },
  },
  {
    op: 'upsert-relation',
    relation: {
      type: 'allows',
      from: 'network-segment:internal',
      to: 'network-segment:mgmt',
      props: { ports: '443', protocol: 'tcp' },
    },
  },
];
