import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../model/index.js';
import { lintFindingSource, lintPrediction } from './lint-predictions.js';

describe('lint as predictions', () => {
  it('keys a finding by rule, entities and the prop it read, and maps severities', () => {
    const cpu = lintPrediction({
      rule: 'host-overcommit',
      severity: 'warning',
      message: 'host:h1 has 40 vCPU on 8 cores',
      entities: ['host:h1', 'vm:a'],
      evidence: { prop: 'cpuCores' },
      fix: 'move vm:a',
    });
    const memory = lintPrediction({
      rule: 'host-overcommit',
      severity: 'error',
      message: 'host:h1 memory',
      entities: ['vm:a', 'host:h1'],
      evidence: { prop: 'memoryBytes' },
      fix: 'move vm:a',
    });
    expect(cpu.key).toBe('lint:host-overcommit:host:h1,vm:a:cpuCores');
    expect(memory.key).not.toBe(cpu.key);
    expect(cpu).toMatchObject({
      kind: 'lint:host-overcommit',
      source: 'lint',
      entityId: 'host:h1',
      severity: 'warning',
    });
    expect(memory.severity).toBe('critical');
  });

  it('lints again only after a change set, and not more often than its interval', async () => {
    let now = 1_000_000;
    const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now });
    const duplicate = (id: string) => ({
      op: 'upsert-entity' as const,
      entity: { id, kind: 'host', props: { ipAddresses: ['10.0.0.7'] } },
    });
    await twin.apply({
      actor: 'test',
      reason: 'two hosts, one address',
      ops: [duplicate('host:a'), duplicate('host:b')],
    });
    const source = lintFindingSource(twin, { minIntervalMs: 60_000 });
    const first = source(twin.live, now);
    expect(first.map((finding) => finding.kind)).toStrictEqual(['lint:duplicate-ip']);
    await twin.apply({
      actor: 'test',
      reason: 'fix',
      ops: [{ op: 'patch-entity', id: 'host:b', props: { ipAddresses: ['10.0.0.8'] } }],
    });
    expect(source(twin.live, now + 1_000)).toBe(first);
    now += 61_000;
    expect(source(twin.live, now)).toStrictEqual([]);
  });
});
