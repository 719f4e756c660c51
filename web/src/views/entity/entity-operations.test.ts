import { describe, expect, it } from 'vitest';
import type { Operation } from '../../contract';
import { operationsOn } from './entity-operations';

describe('the operations of a change set on one entity', () => {
  const ops: Operation[] = [
    { op: 'upsert-entity', entity: { id: 'host:h1', kind: 'host', props: { cpuCores: 8 } } },
    { op: 'upsert-entity', entity: { id: 'host:h10', kind: 'host' } },
    { op: 'upsert-relation', relation: { type: 'contains', from: 'rack:r1', to: 'host:h1' } },
    { op: 'upsert-relation', relation: { type: 'powered-by', from: 'host:h1', to: 'pdu:a' } },
    { op: 'patch-entity', id: 'host:h1', props: { serial: 'X1', model: null }, labels: { env: 'prod' } },
    { op: 'remove-relation', id: 'contains:rack:r1->host:h10' },
    { op: 'remove-relation', id: 'connects:host:h1->switch:s1#2' },
    { op: 'set-metric', id: 'host:h1', metric: 'cpu_utilization', value: 0.5 },
    { op: 'remove-entity', id: 'host:h10' },
  ];

  it('keeps only what concerns the entity, an id that merely starts the same way excluded', () => {
    expect(operationsOn('host:h1', ops)).toStrictEqual([
      'set cpuCores=8',
      'rack:r1 contains → this',
      'powered-by → pdu:a',
      'changed serial="X1", model=∅, label env="prod"',
      'removed relation connects:host:h1->switch:s1#2',
      'cpu_utilization = 0.5',
    ]);
    expect(operationsOn('host:h10', ops)).toStrictEqual([
      'set (no props)',
      'removed relation contains:rack:r1->host:h10',
      'removed',
    ]);
    expect(operationsOn('host:nobody', ops)).toStrictEqual([]);
  });
});
