// Interface traffic from two polls of one device, as samples for twin.recordSamples: bits per
// second each way and utilization against line rate, on the interface entities snmpInventory maps.
import type { Sample } from '../../../model/index.js';
import { counterRate } from './counter-rate.js';
import type { SnmpDevice, SnmpInterface } from './snmp-device.js';
import { interfaceIds, snmpSourceName } from './snmp-identity.js';

/** sysUpTime wraps at 2³² hundredths of a second, about 497 days. */
const uptimeWrapSeconds = 2 ** 32 / 100;

/**
 * Whether the agent restarted between the polls (sysUpTime went back, other than by wrapping),
 * so that every counter may have restarted from zero.
 */
function agentRestarted(previous: SnmpDevice, device: SnmpDevice, seconds: number): boolean {
  const before = previous.system.uptimeSeconds;
  const after = device.system.uptimeSeconds;
  if (before === null || after === null || after >= before) return false;
  const wrapped = before + seconds - uptimeWrapSeconds;
  return !(before > uptimeWrapSeconds - 2 * seconds && Math.abs(after - wrapped) <= seconds);
}

function samePort(a: SnmpInterface, b: SnmpInterface): boolean {
  return a.index === b.index && a.name === b.name && a.counterBits === b.counterBits;
}

/**
 * Samples of `receive_bits_per_second`, `transmit_bits_per_second` and `utilization_ratio` (the
 * busier direction against line rate; none without a known speed) per interface, from the octet
 * counters of `previous` and `device`, stamped `device.polledAt`. Nothing without a previous poll
 * of the same device, nothing for an interface whose ifIndex now names another port, and nothing
 * across a counter reset or an agent restart: the traffic of such an interval is unknown.
 * `name` is the source's as in snmpInventory.
 */
export function snmpSamples(
  device: SnmpDevice,
  previous?: SnmpDevice,
  options: { readonly name?: string } = {},
): Sample[] {
  if (!previous || previous.host !== device.host || previous.port !== device.port) return [];
  const seconds = (device.polledAt - previous.polledAt) / 1000;
  if (!(seconds > 0) || agentRestarted(previous, device, seconds)) return [];
  const source = snmpSourceName(options.name);
  const ts = device.polledAt;
  const samples: Sample[] = [];
  for (const { iface, id } of interfaceIds(device)) {
    const before = previous.interfaces.find((candidate) => samePort(candidate, iface));
    if (!before) continue;
    const rates = [
      ['receive_bits_per_second', before.inOctets, iface.inOctets],
      ['transmit_bits_per_second', before.outOctets, iface.outOctets],
    ] as const;
    const bits: number[] = [];
    for (const [metric, earlier, later] of rates) {
      if (earlier === null || later === null) continue;
      const octetsPerSecond = counterRate(earlier, later, iface.counterBits, seconds);
      if (octetsPerSecond === null) continue;
      bits.push(octetsPerSecond * 8);
      samples.push({ entityId: id, metric, value: octetsPerSecond * 8, ts, source });
    }
    if (bits.length === 2 && iface.speedBitsPerSecond !== null) {
      const value = Math.max(...bits) / iface.speedBitsPerSecond;
      samples.push({ entityId: id, metric: 'utilization_ratio', value, ts, source });
    }
  }
  return samples;
}
