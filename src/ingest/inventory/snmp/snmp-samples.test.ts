import { describe, expect, it } from 'vitest';
import type { SnmpDevice, SnmpInterface } from './snmp-device.js';
import { snmpSamples } from './snmp-samples.js';

function port(index: number, name: string, counters: Partial<SnmpInterface>): SnmpInterface {
  return {
    index,
    name,
    descr: name,
    alias: '',
    type: 6,
    speedBitsPerSecond: 100e6,
    mac: null,
    adminUp: true,
    operUp: true,
    inOctets: 0,
    outOctets: 0,
    counterBits: 32,
    ipAddresses: [],
    ...counters,
  };
}

function poll(at: number, uptimeSeconds: number, interfaces: SnmpInterface[]): SnmpDevice {
  return {
    host: '192.0.2.1',
    port: 161,
    system: { name: 'edge-1', descr: '', objectId: '', uptimeSeconds, location: '', contact: '' },
    interfaces,
    neighbours: [],
    polledAt: at,
  };
}

describe('snmpSamples', () => {
  it('gives bits per second each way through a 32-bit wrap, and the busier direction against line rate', () => {
    const line = { speedBitsPerSecond: 1e6 };
    const before = poll(0, 1000, [
      port(1, 'ge-0/0/0', { ...line, inOctets: 4_294_000_000, outOctets: 1000 }),
    ]);
    const after = poll(10_000, 1010, [
      port(1, 'ge-0/0/0', { ...line, inOctets: 32_704, outOctets: 126_000 }),
    ]);
    const samples = snmpSamples(after, before);
    expect(samples.map((s) => [s.metric, s.value])).toEqual([
      ['receive_bits_per_second', ((4_294_967_296 - 4_294_000_000 + 32_704) * 8) / 10],
      ['transmit_bits_per_second', (125_000 * 8) / 10],
      ['utilization_ratio', 0.8],
    ]);
    expect(samples.every((s) => s.entityId === 'interface:edge-1/ge-0/0/0')).toBe(true);
    expect(samples.every((s) => s.ts === 10_000 && s.source === 'snmp:discovery')).toBe(true);
  });

  it('says nothing without a previous poll, across a counter reset, or when the ifIndex names another port', () => {
    const before = poll(0, 1000, [
      port(1, 'eth0', { inOctets: 5_000_000 }),
      port(2, 'eth1', { inOctets: 10 }),
    ]);
    expect(snmpSamples(before)).toEqual([]);
    const after = poll(60_000, 1060, [port(1, 'eth0', { inOctets: 100 }), port(2, 'eth9', { inOctets: 20 })]);
    // eth0: counter cleared (no receive rate; transmit is still known). eth1's ifIndex now is eth9.
    expect(snmpSamples(after, before).map((s) => [s.entityId, s.metric])).toEqual([
      ['interface:edge-1/eth0', 'transmit_bits_per_second'],
    ]);
  });

  it('gives no utilization without a line rate, and no rates when sysUpTime went back', () => {
    const before = poll(0, 1000, [port(1, 'tun0', { speedBitsPerSecond: null, inOctets: 0, outOctets: 0 })]);
    const after = poll(1000, 1001, [
      port(1, 'tun0', { speedBitsPerSecond: null, inOctets: 125, outOctets: 0 }),
    ]);
    expect(snmpSamples(after, before).map((s) => s.metric)).toEqual([
      'receive_bits_per_second',
      'transmit_bits_per_second',
    ]);
    expect(snmpSamples({ ...after, system: { ...after.system, uptimeSeconds: 3 } }, before)).toEqual([]);
  });

  it('counts across the sysUpTime wrap at 497 days', () => {
    const wrap = 2 ** 32 / 100;
    const before = poll(0, wrap - 20, [port(1, 'eth0', { inOctets: 0 })]);
    const after = poll(60_000, 40, [port(1, 'eth0', { inOctets: 750 })]);
    expect(snmpSamples(after, before).find((s) => s.metric === 'receive_bits_per_second')?.value).toBe(100);
  });
});
