import { describe, expect, it } from 'vitest';
import { physicalLayerAffectedBy } from './physical-layer';

describe('physicalLayerAffectedBy', () => {
  it('redraws for entities added, removed or renamed, and for placement relations', () => {
    expect(physicalLayerAffectedBy([{ op: 'upsert-entity', entity: { id: 'host:h9', kind: 'host' } }])).toBe(
      true,
    );
    expect(physicalLayerAffectedBy([{ op: 'remove-entity', id: 'vm:v1' }])).toBe(true);
    expect(physicalLayerAffectedBy([{ op: 'patch-entity', id: 'host:h1', name: 'web-01' }])).toBe(true);
    expect(
      physicalLayerAffectedBy([
        { op: 'upsert-relation', relation: { type: 'runs-on', from: 'vm:v1', to: 'host:h2' } },
      ]),
    ).toBe(true);
    expect(physicalLayerAffectedBy([{ op: 'remove-relation', id: 'contains:rack:r1->host:h1' }])).toBe(true);
  });

  it('leaves the map alone for props, labels, metrics and other relations', () => {
    expect(
      physicalLayerAffectedBy([
        { op: 'patch-entity', id: 'cooling-unit:c1', props: { setpointCelsius: 30 }, labels: { team: 'dc' } },
        { op: 'set-metric', id: 'host:h1', metric: 'cpu_utilization', value: 0.5 },
        { op: 'upsert-relation', relation: { type: 'depends-on', from: 'service:a', to: 'service:b' } },
        { op: 'remove-relation', id: 'powered-by:host:h1->pdu:p1' },
      ]),
    ).toBe(false);
  });
});
