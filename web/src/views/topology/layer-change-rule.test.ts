import { describe, expect, it } from 'vitest';
import { networkLayerAffectedBy } from './network-layer';
import { serviceLayerAffectedBy } from './service-layer';

describe('which layer a change set alters', () => {
  it('tells the layers apart by the relations they draw', () => {
    const link = [
      { op: 'upsert-relation', relation: { type: 'connects', from: 'switch:a', to: 'link:l1' } },
    ] as const;
    const call = [{ op: 'remove-relation', id: 'depends-on:service:a->service:b' }] as const;
    expect(networkLayerAffectedBy(link)).toBe(true);
    expect(serviceLayerAffectedBy(link)).toBe(false);
    expect(serviceLayerAffectedBy(call)).toBe(true);
    expect(networkLayerAffectedBy(call)).toBe(false);
  });

  it('redraws every layer for a renamed entity, none for a metric', () => {
    const rename = [{ op: 'patch-entity', id: 'host:h1', name: 'web-01' }] as const;
    const metric = [{ op: 'set-metric', id: 'host:h1', metric: 'cpu_utilization', value: 0.5 }] as const;
    for (const affected of [networkLayerAffectedBy, serviceLayerAffectedBy]) {
      expect(affected(rename)).toBe(true);
      expect(affected(metric)).toBe(false);
    }
  });
});
