import { describe, expect, it } from 'vitest';
import { classifyDevice, networkTier } from './netbox-device-kind.js';

describe('classifyDevice', () => {
  it.each([
    ['server', 'host', undefined],
    ['compute-node', 'host', undefined],
    ['hypervisor', 'host', undefined],
    ['leaf', 'switch', 'leaf'],
    ['spine', 'switch', 'spine'],
    ['tor', 'switch', 'tor'],
    ['Top of Rack', 'switch', 'tor'],
    ['access-switch', 'switch', 'access'],
    ['core', 'switch', 'core'],
    ['aggregation', 'switch', 'aggregation'],
    ['distribution-switch', 'switch', 'distribution'],
    ['storage-switch', 'switch', undefined],
    ['san_switch', 'switch', undefined],
    ['router', 'router', undefined],
    ['core-router', 'router', 'core'],
    ['edge', 'router', 'edge'],
    ['border-leaf', 'switch', 'leaf'],
    ['border', 'router', 'border'],
    ['firewall', 'firewall', undefined],
    ['edge-firewall', 'firewall', 'edge'],
    ['load-balancer', 'load-balancer', undefined],
    ['Load Balancer', 'load-balancer', undefined],
    ['pdu', 'pdu', undefined],
    ['power-distribution-unit', 'pdu', undefined],
    ['ups', 'ups', undefined],
    ['storage', 'storage-array', undefined],
    ['storage-array', 'storage-array', undefined],
    ['patch-panel', 'passive', undefined],
    ['spine01', 'switch', 'spine'],
  ])('reads the role %s as a %s', (role, kind, fabricRole) => {
    const found = classifyDevice({ role });
    expect(found.kind).toBe(kind);
    expect(found.fabricRole).toBe(fabricRole);
    expect(found.guessed).toBe(false);
  });

  it('falls back on the model, then on the component counters, then on a host', () => {
    expect(classifyDevice({ role: 'facility', model: 'smart-ups-3000' })).toEqual({
      kind: 'ups',
      guessed: false,
    });
    expect(classifyDevice({ model: 'ap8941' })).toEqual({ kind: 'host', guessed: true });
    expect(classifyDevice({ interfaceCount: 0, powerPortCount: 0, rearPortCount: 24 })).toEqual({
      kind: 'passive',
      guessed: false,
    });
    expect(classifyDevice({ role: 'kvm', interfaceCount: 1, powerPortCount: 1 })).toEqual({
      kind: 'host',
      guessed: true,
    });
  });
});

describe('networkTier', () => {
  it('orders servers, access, aggregation, core, routers, firewalls and edge routers', () => {
    const tiers = [
      networkTier('host'),
      networkTier('switch', 'leaf'),
      networkTier('switch', 'spine'),
      networkTier('switch', 'core'),
      networkTier('router'),
      networkTier('firewall'),
      networkTier('router', 'edge'),
    ];
    expect(tiers).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(networkTier('switch')).toBe(networkTier('switch', 'tor'));
    expect(networkTier('load-balancer')).toBe(0);
  });
});
