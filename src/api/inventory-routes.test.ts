import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeInstances,
  describeSecurityGroups,
  describeSubnets,
  describeVpcs,
} from '../ingest/inventory/aws/aws-describe.fixture.js';
import { kubectlList } from '../ingest/inventory/kubernetes/kubernetes-samples.fixture.js';
import { netboxSmallSample } from '../ingest/inventory/netbox/netbox-samples.fixture.js';
import { awsTerraformState } from '../ingest/inventory/terraform/aws-state.fixture.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

interface Answer {
  source: string;
  dryRun: boolean;
  seq?: number;
  opCount: number;
  added: number;
  removedEntities: string[];
  matches: Array<{ declared: string; entity: string; by: string }>;
  problems: Array<{ path: string }>;
}

describe('/api/inventory/imports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
  });
  afterAll(() => server.close());
  const post = (query: string, body: unknown, role: 'operator' | 'viewer' = 'operator') =>
    server.call('POST', `/api/inventory/imports?${query}`, {
      role,
      text: typeof body === 'string' ? body : JSON.stringify(body),
      contentType: 'application/json',
    });

  it('shows a dry run without changing anything, then imports a cluster once', async () => {
    const dry = await post('from=k8s&name=prod&dryRun=true', kubectlList);
    expect(dry.status).toBe(200);
    const preview = dry.body as Answer;
    expect(preview.added).toBeGreaterThan(5);
    expect(preview.seq).toBeUndefined();
    expect(server.twin.view().entity('host:node-a')).toBeUndefined();
    const applied = (await post('from=k8s&name=prod', kubectlList)).body as Answer;
    expect(applied).toMatchObject({ source: 'k8s:prod', dryRun: false, added: preview.added });
    expect(applied.seq).toBeGreaterThan(0);
    expect(server.twin.view().entity('host:node-a')?.provenance).toMatchObject({
      source: 'k8s:prod',
      origin: 'observed',
    });
    expect(applied.problems.length).toBeGreaterThan(0); // the fixture's malformed item, with its path
    const again = (await post('from=k8s&name=prod', kubectlList)).body as Answer;
    expect(again.opCount).toBe(0);
  });

  it('joins the same instances from Terraform and from the AWS CLI into one entity each', async () => {
    const terraform = (await post('from=terraform&name=shop', awsTerraformState)).body as Answer;
    expect(terraform.added).toBeGreaterThan(3);
    const bundle = {
      instances: describeInstances,
      securityGroups: describeSecurityGroups,
      subnets: describeSubnets,
      vpcs: describeVpcs,
    };
    const aws = (await post('from=aws&name=prod', bundle)).body as Answer;
    // Same ids from both: nothing new to add, the instances are the ones Terraform declared.
    expect(aws.added).toBe(0);
    expect([...server.twin.view().entitiesOfKind('cloud-instance')]).toHaveLength(3);
  });

  it('imports a saved NetBox export as declared facts, and a second time changes nothing', async () => {
    const sample = netboxSmallSample();
    const saved = { 'netbox-version': sample.version, ...sample.results };
    const netbox = (await post('from=netbox&name=nb', saved)).body as Answer;
    expect(netbox.added).toBeGreaterThan(20);
    const hosts = [...server.twin.view().entitiesOfKind('host')].filter(
      (host) => host.provenance.source === 'netbox:nb',
    );
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts[0]?.provenance.origin).toBe('declared');
    const again = (await post('from=netbox&name=nb', saved)).body as Answer;
    expect(again.opCount).toBe(0);
  });

  it('refuses a viewer, an unknown source and a body that is not the source’s format, changing nothing', async () => {
    expect((await post('from=k8s&name=x', kubectlList, 'viewer')).status).toBe(403);
    expect((await post('from=netbax&name=x', kubectlList)).status).toBe(400);
    const bad = await post('from=terraform&name=x', { version: 3, terraform_version: '0.11.14' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/version 3/);
  });

  it('reports drift between NetBox and SNMP discovery, and follows telemetry as it arrives', async () => {
    const declared = [...server.twin.view().entitiesOfKind('host')].find(
      (host) => host.provenance.source === 'netbox:nb' && typeof host.props.serial === 'string',
    );
    expect(declared).toBeDefined();
    const host = declared as NonNullable<typeof declared>;
    // SNMP sees that host under its own name with another serial, and one NetBox does not know.
    const discovered = {
      apiVersion: 'infratwin/v1',
      kind: 'Estate',
      entities: [
        { id: host.id, kind: 'host', props: { serial: 'SNMP-SAYS-OTHERWISE' } },
        { id: 'host:rogue-box', kind: 'host' },
      ],
    };
    expect((await post('from=snmp&name=lan', discovered)).status).toBe(200);
    const drift = async (query = '') => {
      const answer = await server.call('GET', `/api/inventory/drift${query}`, { role: 'viewer' });
      expect(answer.status).toBe(200);
      return answer.body as {
        summary: Record<string, number>;
        items: Array<{ type: string; entity: string; field?: string; observed?: unknown }>;
        truncated: boolean;
      };
    };
    const report = await drift();
    expect(report.items).toContainEqual(
      expect.objectContaining({ type: 'undeclared', entity: 'host:rogue-box', observedBy: ['snmp:lan'] }),
    );
    expect(report.items).toContainEqual(
      expect.objectContaining({
        type: 'differs',
        entity: host.id,
        field: 'props.serial',
        observed: [{ source: 'snmp:lan', value: 'SNMP-SAYS-OTHERWISE' }],
      }),
    );
    const silent = report.items.filter((item) => item.type === 'silent');
    expect(silent.length).toBeGreaterThan(0);
    const quiet = silent[0]?.entity as string;
    server.twin.recordSamples([
      { entityId: quiet, metric: 'cpu', value: 0.2, ts: server.twin.now(), source: 'remote_write' },
    ]);
    const after = await drift('?type=silent');
    expect(after.items.map((item) => item.entity)).not.toContain(quiet);
    expect(after.summary.silent).toBe((report.summary.silent ?? 0) - 1);
    expect(after.items.every((item) => item.type === 'silent')).toBe(true);
    const limited = await drift('?limit=1');
    expect(limited.items).toHaveLength(1);
    expect(limited.truncated).toBe(true);
    expect((await server.call('GET', '/api/inventory/drift?type=bogus', { role: 'viewer' })).status).toBe(
      400,
    );
  });

  it('lists no re-syncs when none are configured, and 404s a run of an unknown one', async () => {
    const list = await server.call('GET', '/api/inventory/syncs', { role: 'viewer' });
    expect(list).toMatchObject({ status: 200, body: { items: [] } });
    expect((await server.call('POST', '/api/inventory/syncs/dc1/runs', { role: 'viewer' })).status).toBe(403);
    expect((await server.call('POST', '/api/inventory/syncs/dc1/runs', { role: 'operator' })).status).toBe(
      404,
    );
  });
});
