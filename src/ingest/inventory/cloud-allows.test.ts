import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidEntityId } from '../../model/index.js';
import { parsePortList } from '../../security/model/port-match.js';
import { applyToTwin } from './aws/apply-to-twin.fixture.js';
import {
  CloudEstate,
  expandRules,
  exposeToInternet,
  internetSegmentId,
  portList,
  portRange,
  ruleProtocol,
  sourceSegment,
  tagKeyLength,
  tagLabels,
} from './cloud-allows.js';
import { labelKey } from './inventory-labels.js';

function instance(estate: CloudEstate, id: string): string {
  estate.entity({ id: `cloud-instance:${id}`, kind: 'cloud-instance' }, id);
  return `cloud-instance:${id}`;
}

describe('ruleProtocol', () => {
  it('reads AWS, Azure and GCP spellings', () => {
    expect(['tcp', '6', 'Tcp', 'TCP'].map(ruleProtocol)).toEqual(['tcp', 'tcp', 'tcp', 'tcp']);
    expect(['udp', '17', 'Udp'].map(ruleProtocol)).toEqual(['udp', 'udp', 'udp']);
    expect(['-1', 'all', '*', 'Any'].map(ruleProtocol)).toEqual(['any', 'any', 'any', 'any']);
    expect(['icmp', 'Icmp', '1', 'icmpv6', '58'].map(ruleProtocol)).toEqual(Array(5).fill({ skip: 'icmp' }));
    expect(['50', 'esp', 'Ah', 'sctp'].map(ruleProtocol)).toEqual(Array(4).fill({ skip: 'protocol' }));
  });
});

describe('portRange and portList', () => {
  it('writes one port, a range, or * for every port', () => {
    expect(portRange(22, 22)).toBe('22');
    expect(portRange(8000, 8100)).toBe('8000-8100');
    expect(portRange(0, 65535)).toBe('*');
    expect(portRange(undefined, undefined)).toBe('*');
    expect(portRange(-1, -1)).toBe('*');
    expect(portRange(443, undefined)).toBe('443');
  });

  it('joins entries, folds 80-80 to 80 and * or nothing to every port', () => {
    expect(portList(['443', '8080-8090', '443'])).toBe('443,8080-8090');
    expect(portList(['80-80'])).toBe('80');
    expect(portList([])).toBe('*');
    expect(portList(['22', '*'])).toBe('*');
    expect(portList(['0-65535'])).toBe('*');
    expect(portList(['http'])).toEqual({ message: "'http' is not a port, a range low-high or *" });
    expect(portList(['90-80'])).toHaveProperty('message');
  });

  it('always gives ports the attack graph can read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), (a, b) => {
        const low = Math.min(a, b);
        const high = Math.max(a, b);
        expect(() => parsePortList(portRange(low, high), 'tcp')).not.toThrow();
        const listed = portList([`${low}-${high}`, `${a}`]);
        expect(typeof listed).toBe('string');
        expect(() => parsePortList(listed as string, 'udp')).not.toThrow();
      }),
    );
  });
});

describe('labels from tags', () => {
  it('takes Name as the name and sanitises other keys', () => {
    const estate = new CloudEstate();
    const out = tagLabels(
      estate,
      { Name: 'web-1', 'Cost Center': 'shop', 'aws:cloudformation:stack-name': 'prod', Role: 'web' },
      'tags',
    );
    expect(out).toEqual({
      name: 'web-1',
      labels: { 'Cost-Center': 'shop', 'aws-cloudformation-stack-name': 'prod', Role: 'web' },
    });
    expect(estate.problems).toEqual([]);
  });

  it('reports keys that are empty after sanitising or collide', () => {
    const estate = new CloudEstate();
    const out = tagLabels(estate, { '***': 'x', 'a b': '1', 'a:b': '2' }, 'resources[0].tags');
    expect(out.labels).toEqual({ 'a-b': '1' });
    expect(estate.problems.map((problem) => problem.path)).toEqual([
      'resources[0].tags["***"]',
      'resources[0].tags["a:b"]',
    ]);
  });

  it('makes label keys the twin accepts from any tag key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 })),
        async (tags) => {
          const estate = new CloudEstate();
          const { labels } = tagLabels(estate, tags, 'tags');
          for (const key of Object.keys(labels)) expect(labelKey(key, { maxLength: tagKeyLength })).toBe(key);
          estate.entity({ id: 'cloud-instance:i-1', kind: 'cloud-instance', labels }, 'x');
          await applyToTwin(estate.toImport('test'));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('sourceSegment', () => {
  it('maps 0.0.0.0/0, ::/0, * and Internet to the internet segment', () => {
    const estate = new CloudEstate();
    for (const text of ['0.0.0.0/0', '::/0', '*', 'Internet'])
      expect(sourceSegment(estate, text, 'x')).toBe(internetSegmentId);
    expect(estate.toImport('t').document.entities).toEqual([
      { id: internetSegmentId, kind: 'network-segment', name: 'internet', props: { internet: true } },
    ]);
  });

  it('makes an isolated segment for another range, and a /32 for one address', () => {
    const estate = new CloudEstate();
    expect(sourceSegment(estate, '10.0.0.0/8', 'x')).toBe('network-segment:10.0.0.0/8');
    expect(sourceSegment(estate, '192.0.2.7', 'x')).toBe('network-segment:192.0.2.7/32');
    expect(sourceSegment(estate, '2001:DB8::/32', 'x')).toBe('network-segment:2001:db8::/32');
    const segment = estate.toImport('t').document.entities.find((e) => e.id === 'network-segment:10.0.0.0/8');
    expect(segment?.props).toEqual({ cidrs: ['10.0.0.0/8'], isolated: true });
  });

  it('reports what is not a range', () => {
    const estate = new CloudEstate();
    expect(sourceSegment(estate, '10.1.2.3/8', 'rule')).toBeUndefined();
    expect(sourceSegment(estate, 'pl-123', 'rule')).toBeUndefined();
    expect(estate.problems).toHaveLength(2);
    expect(estate.problems[0]?.message).toContain('host bits');
  });
});

describe('expandRules', () => {
  it('relates every source to every target, keyed by owner, protocol and ports', () => {
    const estate = new CloudEstate();
    const a = instance(estate, 'a');
    const b = instance(estate, 'b');
    const c = instance(estate, 'c');
    expandRules(estate, {
      owner: 'sg-1',
      targets: { segment: 'sg-1', members: [b, c] },
      rules: [
        { path: 'r0', protocol: 'tcp', ports: '443', sources: [{ cidr: '0.0.0.0/0' }, { cidr: '::/0' }] },
        { path: 'r1', protocol: 'tcp', ports: '22', sources: [{ cidr: '0.0.0.0/0' }] },
        {
          path: 'r2',
          protocol: 'any',
          ports: '*',
          sources: [{ group: { segment: 'sg-2', members: [a, b] } }],
        },
      ],
    });
    const relations = estate
      .toImport('t')
      .document.relations.map((r) => `${r.from} ${r.to} ${r.key} ${r.props?.ports}`);
    expect(relations).toEqual([
      'cloud-instance:a cloud-instance:b sg-1:any:* *',
      'cloud-instance:a cloud-instance:c sg-1:any:* *',
      'cloud-instance:b cloud-instance:c sg-1:any:* *',
      'network-segment:internet cloud-instance:b sg-1:tcp:22 22',
      'network-segment:internet cloud-instance:b sg-1:tcp:443 443',
      'network-segment:internet cloud-instance:c sg-1:tcp:22 22',
      'network-segment:internet cloud-instance:c sg-1:tcp:443 443',
    ]);
  });

  it('collapses a group past the cap into segments and says so', async () => {
    const estate = new CloudEstate();
    const sources = ['s1', 's2', 's3'].map((id) => instance(estate, id));
    const targets = ['t1', 't2', 't3'].map((id) => instance(estate, id));
    estate.entity({ id: 'database:orders', kind: 'database' }, 'db');
    expandRules(
      estate,
      {
        owner: 'sg-db',
        targets: { segment: 'sg-db', name: 'db', members: [...targets, 'database:orders'] },
        rules: [
          {
            path: 'r0',
            protocol: 'tcp',
            ports: '5432',
            sources: [{ group: { segment: 'sg-web', members: sources } }],
          },
        ],
      },
      5,
    );
    const result = estate.toImport('t');
    expect(result.counts['groups collapsed to segments']).toBe(1);
    expect(result.problems[0]?.message).toContain('more than 5');
    const allows = result.document.relations
      .filter((r) => r.type === 'allows')
      .map((r) => `${r.from} ${r.to}`);
    expect(allows).toEqual([
      'network-segment:sg-web database:orders',
      'network-segment:sg-web network-segment:sg-db',
    ]);
    const contains = result.document.relations.filter((r) => r.type === 'contains');
    expect(contains).toHaveLength(6);
    await applyToTwin(result);
  });
});

describe('CloudEstate', () => {
  it('lets a full description replace a stub and a stub only fill gaps', () => {
    const estate = new CloudEstate();
    estate.entity(
      {
        id: 'network-segment:subnet-1',
        kind: 'network-segment',
        labels: { vpc: 'vpc-1' },
        props: { isolated: true },
      },
      'x',
      { stub: true },
    );
    estate.entity(
      {
        id: 'network-segment:subnet-1',
        kind: 'network-segment',
        name: 'public',
        props: { cidrs: ['10.0.1.0/24'], isolated: true },
      },
      'y',
    );
    estate.entity(
      { id: 'network-segment:subnet-1', kind: 'network-segment', name: 'subnet-1', labels: { zone: 'a' } },
      'z',
      { stub: true },
    );
    expect(estate.toImport('t').document.entities).toEqual([
      {
        id: 'network-segment:subnet-1',
        kind: 'network-segment',
        name: 'public',
        labels: { vpc: 'vpc-1', zone: 'a' },
        props: { isolated: true, cidrs: ['10.0.1.0/24'] },
      },
    ]);
  });

  it('refuses ids that are not ids, and leaves out what the catalog would refuse', async () => {
    const estate = new CloudEstate();
    expect(estate.entity({ id: 'cloud-instance:has space', kind: 'cloud-instance' }, 'a')).toBe(false);
    estate.entity(
      { id: 'cloud-instance:i-1', kind: 'cloud-instance', props: { cpuCores: 1.5, os: 'linux' } },
      'b',
    );
    estate.entity({ id: 'database:db', kind: 'database' }, 'c');
    estate.relation({ type: 'allows', from: 'database:db', to: 'cloud-instance:i-1' });
    estate.relation({ type: 'contains', from: 'cloud-instance:i-1', to: 'cloud-instance:i-2' });
    const result = estate.toImport('t');
    expect(result.document.entities[0]?.props).toEqual({ os: 'linux' });
    expect(result.document.relations).toEqual([]);
    expect(result.problems.map((p) => p.path)).toEqual([
      'a',
      'cloud-instance:i-1.props.cpuCores',
      'allows:database:db->cloud-instance:i-1',
      'contains:cloud-instance:i-1->cloud-instance:i-2',
    ]);
    for (const entity of result.document.entities) expect(isValidEntityId(entity.id)).toBe(true);
    await applyToTwin(result);
  });

  it('exposes to the internet per listener, or on every port when none is known', () => {
    const estate = new CloudEstate();
    estate.entity({ id: 'load-balancer:a', kind: 'load-balancer' }, 'a');
    estate.entity({ id: 'load-balancer:b', kind: 'load-balancer' }, 'b');
    exposeToInternet(
      estate,
      'load-balancer:a',
      [
        { protocol: 'tcp', ports: '443' },
        { protocol: 'udp', ports: '53' },
      ],
      'listener',
      'a',
    );
    exposeToInternet(estate, 'load-balancer:b', [], 'listener', 'b');
    expect(estate.toImport('t').document.relations.map((r) => `${r.to} ${r.key}`)).toEqual([
      'load-balancer:a listener:tcp:443',
      'load-balancer:a listener:udp:53',
      'load-balancer:b listener:any:*',
    ]);
  });
});
