import { describe, expect, it } from 'vitest';
import type { RelationInput } from '../../../model/index.js';
import { twinAttackModel } from '../../../security/index.js';
import { applyToTwin } from '../aws/apply-to-twin.fixture.js';
import type { InventoryImport } from '../inventory-import.js';
import { gcpRegionOfZone } from './gcp-resources.js';
import { gcpTerraformState } from './gcp-state.fixture.js';
import { terraformInventory } from './terraform-mapping.js';

const entity = (result: InventoryImport, id: string) => result.document.entities.find((e) => e.id === id);
const show = (relation: RelationInput) =>
  `${relation.type} ${relation.from} -> ${relation.to}${relation.key ? ` #${relation.key}` : ''}${
    relation.props?.ports ? ` ${relation.props.protocol}/${relation.props.ports}` : ''
  }`;

const subnet = 'network-segment:gcp/shop-prod/us-central1/web-subnet';

describe('GCP resources', () => {
  const result = terraformInventory(gcpTerraformState, { name: 'gcp' });

  it('maps instances with machine type, addresses and labels in the region of their zone', () => {
    expect(gcpRegionOfZone('europe-west4-b')).toBe('europe-west4');
    expect(entity(result, 'cloud-instance:gcp-web-1')).toEqual({
      id: 'cloud-instance:gcp-web-1',
      kind: 'cloud-instance',
      name: 'gcp-web-1',
      labels: { env: 'prod' },
      props: {
        instanceId: '4567891234567891234',
        instanceType: 'e2-medium',
        ipAddresses: ['10.40.1.5', '35.192.0.10'],
      },
    });
    expect(entity(result, subnet)).toEqual({
      id: subnet,
      kind: 'network-segment',
      name: 'web-subnet',
      labels: { network: 'shop-vpc', region: 'us-central1' },
      props: { isolated: true, cidrs: ['10.40.1.0/24'] },
    });
  });

  it('applies firewall rules to instances with a target tag, or to the whole network without one', () => {
    expect(result.document.relations.map(show)).toEqual([
      'allows network-segment:10.40.0.0/16 -> cloud-instance:gcp-batch-1 #allow-internal-ssh:tcp:22 tcp/22',
      'allows network-segment:10.40.0.0/16 -> cloud-instance:gcp-web-1 #allow-internal-ssh:tcp:22 tcp/22',
      'allows network-segment:203.0.113.0/24 -> database:orders-sql #authorized-networks:tcp:5432 tcp/5432',
      'allows network-segment:internet -> cloud-instance:gcp-web-1 #allow-https:tcp:443,8080-8090 tcp/443,8080-8090',
      'allows network-segment:internet -> load-balancer:web-lb #forwarding-rule:tcp:443 tcp/443',
      'contains cloud-region:gcp/us-central1 -> cloud-instance:gcp-batch-1',
      'contains cloud-region:gcp/us-central1 -> cloud-instance:gcp-web-1',
      'contains cloud-region:gcp/us-central1 -> database:orders-sql',
      'contains cloud-region:gcp/us-central1 -> load-balancer:web-lb',
      `contains ${subnet} -> cloud-instance:gcp-batch-1`,
      `contains ${subnet} -> cloud-instance:gcp-web-1`,
    ]);
    expect(result.counts['rules skipped: icmp']).toBe(1);
    expect(result.counts['egress rules ignored']).toBe(1);
    expect(result.counts['ignored:google_compute_network']).toBe(1);
    expect(result.problems).toEqual([]);
  });

  it('takes sources from source tags, and skips disabled rules', () => {
    const state = structuredClone(gcpTerraformState);
    const firewalls = state.resources.filter((resource) => resource.type === 'google_compute_firewall');
    Object.assign(firewalls[1]?.instances[0]?.attributes ?? {}, {
      source_ranges: [],
      source_tags: ['web'],
      target_tags: ['batch'],
      allow: [{ protocol: 'all', ports: [] }],
    });
    Object.assign(firewalls[0]?.instances[0]?.attributes ?? {}, { disabled: true });
    const mapped = terraformInventory(state, { name: 'gcp' });
    const allows = mapped.document.relations.filter(
      (r) => r.type === 'allows' && r.to.startsWith('cloud-instance:'),
    );
    expect(allows.map(show)).toEqual([
      'allows cloud-instance:gcp-web-1 -> cloud-instance:gcp-batch-1 #allow-internal-ssh:any:* any/*',
    ]);
    expect(mapped.counts['rules skipped: disabled']).toBe(1);
  });

  it('maps the forwarding rule and the Cloud SQL instance', () => {
    expect(entity(result, 'load-balancer:web-lb')).toEqual({
      id: 'load-balancer:web-lb',
      kind: 'load-balancer',
      name: 'web-lb',
      labels: { scheme: 'internet-facing' },
      props: { ipAddresses: ['34.120.0.5'] },
    });
    expect(entity(result, 'database:orders-sql')).toEqual({
      id: 'database:orders-sql',
      kind: 'database',
      name: 'orders-sql',
      labels: { 'database-version': 'POSTGRES_15' },
      props: { engine: 'postgresql', port: 5432 },
    });
  });

  it('reports bad ports by path and keeps the rest', () => {
    const state = structuredClone(gcpTerraformState);
    const https = state.resources.find((resource) => resource.name === 'allow_https');
    Object.assign(https?.instances[0]?.attributes ?? {}, { allow: [{ protocol: 'tcp', ports: ['https'] }] });
    const mapped = terraformInventory(state, { name: 'gcp' });
    expect(mapped.problems).toEqual([
      {
        path: 'resources[4].instances[0].attributes.allow[0].ports',
        message: "'https' is not a port, a range low-high or *: rule left out",
      },
    ]);
    expect(mapped.document.relations.filter((relation) => relation.key?.startsWith('allow-https'))).toEqual(
      [],
    );
    expect(entity(mapped, 'cloud-instance:gcp-web-1')).toBeDefined();
  });

  it('lets the attack graph reach the tagged instance from the internet', async () => {
    const twin = await applyToTwin(result);
    const { model, problems } = twinAttackModel(twin.live);
    expect(problems).toEqual([]);
    const reach = model.reach.map(
      (rule) => `${Object.values(rule.from)[0]} -> ${Object.values(rule.to)[0]} ${rule.ports}`,
    );
    expect(reach).toContain('network-segment:internet -> cloud-instance:gcp-web-1 tcp/443,tcp/8080-8090');
    expect(reach.filter((rule) => rule.includes('internet -> cloud-instance:gcp-batch-1'))).toEqual([]);
  });
});
