// One SNMPv2c poll of one device: system group, interfaces (ifTable joined with ifXTable), their
// addresses and the LLDP neighbours, read column by column with GETBULK walks.
import { lldpNeighbours } from './lldp-neighbours.js';
import {
  ifTable,
  ifXTable,
  ipAddressTable,
  ipAddrTable,
  lldpLocPortTable,
  lldpRemTable,
  systemOids,
} from './mib-oids.js';
import type { LldpNeighbour, SnmpDevice, SnmpInterface, SnmpSystem } from './snmp-device.js';
import { formatSeconds, redact, SnmpPollError, SnmpTimeoutError } from './snmp-errors.js';
import {
  getScalars,
  isVarbindException,
  type OpenSession,
  openNetSnmpSession,
  type SnmpSession,
  type SnmpVarbind,
  walkColumn,
} from './snmp-session.js';
import { counterOf, displayString, integerOf, ipFromOctets, macAddressOf, oidOf } from './snmp-values.js';

export interface PollOptions {
  /** An address (IPv4, IPv6) or a name. */
  readonly host: string;
  /** UDP port, default 161. */
  readonly port?: number;
  /** SNMPv2c community. It appears in no error message. */
  readonly community: string;
  /** Per request, default 2000. */
  readonly timeoutMs?: number;
  /** Resends per request after a timeout, default 1. */
  readonly retries?: number;
  /** Epoch milliseconds, for tests (default Date.now). */
  readonly now?: () => number;
  /** Opens the session (default net-snmp over UDP); tests pass an in-memory agent. */
  readonly openSession?: OpenSession;
}

type Column = Map<string, SnmpVarbind>;

/**
 * Polls one device. Rejects with SnmpTimeoutError when the agent does not answer (naming
 * host:port and the likely causes) and SnmpPollError when it answers with an error; a device
 * without ifXTable, IP-MIB tables or LLDP-MIB is polled without them. The session is always closed.
 */
export async function pollDevice(options: PollOptions): Promise<SnmpDevice> {
  const { host, community } = options;
  const port = options.port ?? 161;
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`bad SNMP port ${port}`);
  if (!(timeoutMs > 0) || !Number.isInteger(retries) || retries < 0) {
    throw new RangeError('timeoutMs must be positive and retries a non-negative integer');
  }
  const target = { host, port, timeoutMs, retries };
  const where = `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  let step = 'the system group';
  let answered = false;
  let sessionError: Error | undefined;
  const session = (options.openSession ?? openNetSnmpSession)(target, community);
  try {
    // net-snmp reports an undecodable datagram as an 'error' event; without a listener it would throw.
    session.on?.('error', (error) => {
      sessionError = error;
    });
    const system = await readSystem(session);
    answered = true;
    step = 'the interface tables';
    const walked = await readInterfaces(session, now);
    step = 'the IP address tables';
    const addresses = await readAddresses(session);
    const interfaces = walked.interfaces.map((iface) => ({
      ...iface,
      ipAddresses: addresses.get(iface.index) ?? [],
    }));
    step = 'the LLDP tables';
    const neighbours = await readNeighbours(session, interfaces);
    return { host, port, system, interfaces, neighbours, polledAt: walked.polledAt };
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    if (cause.name === 'RequestTimedOutError') {
      const waited = formatSeconds(timeoutMs * (retries + 1));
      const tries = retries === 0 ? '' : ` (${retries + 1} tries of ${formatSeconds(timeoutMs)} s)`;
      const message = answered
        ? `SNMP agent ${where} stopped answering while ${step} were read: no answer in ${waited} s${tries}`
        : `no SNMP answer from ${where} in ${waited} s${tries} — wrong community, port or ACL?`;
      // Only what came from net-snmp is redacted: it may quote the community (a mismatch does).
      const detail = sessionError ? ` (last socket error: ${redact(sessionError.message, community)})` : '';
      throw new SnmpTimeoutError(message + detail, host, port);
    }
    throw new SnmpPollError(
      `SNMP poll of ${where} failed reading ${step}: ${redact(cause.message, community)}`,
      host,
      port,
    );
  } finally {
    try {
      session.close();
    } catch {
      // Already closed: nothing left to release.
    }
  }
}

async function readSystem(session: SnmpSession): Promise<SnmpSystem> {
  const oids = [
    systemOids.name,
    systemOids.descr,
    systemOids.objectId,
    systemOids.uptime,
    systemOids.location,
    systemOids.contact,
  ];
  const varbinds = await getScalars(session, oids);
  const value = (oid: string): unknown => {
    const varbind = varbinds.find((candidate) => candidate.oid === oid);
    return varbind && !isVarbindException(varbind) ? varbind.value : undefined;
  };
  const ticks = integerOf(value(systemOids.uptime));
  return {
    name: displayString(value(systemOids.name)).trim(),
    descr: displayString(value(systemOids.descr)).trim(),
    objectId: oidOf(value(systemOids.objectId)),
    uptimeSeconds: ticks === null ? null : ticks / 100,
    location: displayString(value(systemOids.location)).trim(),
    contact: displayString(value(systemOids.contact)).trim(),
  };
}

/**
 * Columns one after the other (gentler on small agents than many walks in flight). An optional
 * column the agent refuses with an error status (an old agent answering noSuchName, genErr) is
 * read as empty; a timeout still fails the poll.
 */
async function walkAll<K extends string>(
  session: SnmpSession,
  columns: Readonly<Record<K, string>>,
  optional = false,
): Promise<Record<K, Column>> {
  const out = {} as Record<K, Column>;
  for (const key of Object.keys(columns) as K[]) {
    try {
      out[key] = await walkColumn(session, columns[key]);
    } catch (error) {
      if (!optional || !(error instanceof Error) || error.name !== 'RequestFailedError') throw error;
      out[key] = new Map();
    }
  }
  return out;
}

async function readInterfaces(
  session: SnmpSession,
  now: () => number,
): Promise<{ interfaces: Array<Omit<SnmpInterface, 'ipAddresses'>>; polledAt: number }> {
  const base = {
    ...(await walkAll(session, {
      descr: ifTable.descr,
      type: ifTable.type,
      speed: ifTable.speed,
      physAddress: ifTable.physAddress,
      adminStatus: ifTable.adminStatus,
      operStatus: ifTable.operStatus,
    })),
    ...(await walkAll(
      session,
      { name: ifXTable.name, highSpeed: ifXTable.highSpeed, alias: ifXTable.alias },
      true,
    )),
  };
  // The counters last and together, timed, so that two polls' rates divide by the right interval.
  const started = now();
  const counters = {
    ...(await walkAll(session, { hcIn: ifXTable.hcInOctets, hcOut: ifXTable.hcOutOctets }, true)),
    ...(await walkAll(session, { in: ifTable.inOctets, out: ifTable.outOctets })),
  };
  const polledAt = Math.round((started + now()) / 2);
  const indexes = new Set<number>();
  for (const column of [base.descr, base.type, base.name]) {
    for (const key of column.keys()) if (/^\d+$/.test(key)) indexes.add(Number(key));
  }
  const interfaces = [...indexes]
    .sort((a, b) => a - b)
    .map((index) => {
      const key = String(index);
      const at = (column: Column) => column.get(key)?.value;
      const descr = displayString(at(base.descr)).trim();
      const hcIn = counterOf(at(counters.hcIn));
      const hcOut = counterOf(at(counters.hcOut));
      const hc = hcIn !== null && hcOut !== null;
      const highSpeed = integerOf(at(base.highSpeed));
      const speed = integerOf(at(base.speed));
      const bitsPerSecond = highSpeed !== null && highSpeed > 0 ? highSpeed * 1e6 : speed;
      return {
        index,
        name: displayString(at(base.name)).trim() || descr || `if${index}`,
        descr,
        alias: displayString(at(base.alias)).trim(),
        type: integerOf(at(base.type)) ?? 0,
        speedBitsPerSecond: bitsPerSecond !== null && bitsPerSecond > 0 ? bitsPerSecond : null,
        mac: macAddressOf(at(base.physAddress)),
        adminUp: integerOf(at(base.adminStatus)) === 1,
        operUp: integerOf(at(base.operStatus)) === 1,
        inOctets: hc ? hcIn : counterOf(at(counters.in)),
        outOctets: hc ? hcOut : counterOf(at(counters.out)),
        counterBits: hc ? 64 : 32,
      } satisfies Omit<SnmpInterface, 'ipAddresses'>;
    });
  return { interfaces, polledAt };
}

/** fe80::/10: the same on every link, and derived from the MAC address already recorded. */
function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}

/** Unicast addresses per ifIndex, from ipAddrTable (IPv4) and ipAddressTable (IPv4 and IPv6). */
async function readAddresses(session: SnmpSession): Promise<Map<number, string[]>> {
  const byInterface = new Map<number, Set<string>>();
  const add = (ifIndex: number | null, address: string | null) => {
    if (ifIndex === null || address === null || isLinkLocalV6(address)) return;
    const set = byInterface.get(ifIndex) ?? new Set<string>();
    set.add(address);
    byInterface.set(ifIndex, set);
  };
  const legacy = await walkAll(session, { ifIndex: ipAddrTable.ifIndex }, true);
  for (const [index, varbind] of legacy.ifIndex) {
    add(integerOf(varbind.value), ipFromOctets(index.split('.').map(Number)));
  }
  const modern = await walkAll(session, { ifIndex: ipAddressTable.ifIndex, type: ipAddressTable.type }, true);
  for (const [index, varbind] of modern.ifIndex) {
    const type = integerOf(modern.type.get(index)?.value);
    if (type !== null && type !== 1) continue; // anycast, broadcast
    // InetAddressType.length.octets: ipv4(1), ipv6(2); the zoned types (3, 4) are link-scoped.
    const [family, length, ...octets] = index.split('.').map(Number);
    if ((family !== 1 && family !== 2) || length !== octets.length) continue;
    add(integerOf(varbind.value), ipFromOctets(octets));
  }
  return new Map([...byInterface].map(([ifIndex, set]) => [ifIndex, [...set]]));
}

async function readNeighbours(
  session: SnmpSession,
  interfaces: readonly SnmpInterface[],
): Promise<LldpNeighbour[]> {
  // lldpRemChassisId is in every LLDPDU: no rows there, no neighbours (or no LLDP-MIB at all).
  const { remChassisId } = await walkAll(session, { remChassisId: lldpRemTable.chassisId }, true);
  if (remChassisId.size === 0) return [];
  const remote = await walkAll(
    session,
    {
      remChassisIdSubtype: lldpRemTable.chassisIdSubtype,
      remPortIdSubtype: lldpRemTable.portIdSubtype,
      remPortId: lldpRemTable.portId,
      remPortDesc: lldpRemTable.portDesc,
      remSysName: lldpRemTable.sysName,
    },
    true,
  );
  const local = await walkAll(
    session,
    {
      locPortIdSubtype: lldpLocPortTable.idSubtype,
      locPortId: lldpLocPortTable.id,
      locPortDesc: lldpLocPortTable.desc,
    },
    true,
  );
  return lldpNeighbours({ remChassisId, ...remote, ...local }, interfaces);
}
