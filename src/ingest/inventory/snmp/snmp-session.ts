// The few SNMP session operations discovery uses, as promises, over net-snmp or anything shaped
// like it (tests use an in-memory agent for LLDP, which Debian's snmpd does not serve).
import snmp from 'net-snmp';

/** A variable binding as net-snmp delivers it (see snmp-values.ts for the value types). */
export interface SnmpVarbind {
  readonly oid: string;
  readonly type?: number;
  readonly value?: unknown;
}

/** The subset of net-snmp's Session that discovery calls. */
export interface SnmpSession {
  get(oids: string[], callback: (error: Error | null, varbinds?: SnmpVarbind[]) => void): unknown;
  /** GETBULK walk of the subtree under `oid`; `feed` returning true stops it. */
  subtree(
    oid: string,
    maxRepetitions: number,
    feed: (varbinds: SnmpVarbind[]) => boolean | undefined,
    done: (error: Error | null) => void,
  ): unknown;
  close(): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

export interface SessionTarget {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly retries: number;
}

export type OpenSession = (target: SessionTarget, community: string) => SnmpSession;

/** A net-snmp SNMPv2c session over UDP (IPv6 when the host is an IPv6 literal). */
export const openNetSnmpSession: OpenSession = (target, community) =>
  snmp.createSession(target.host.replace(/^\[(.*)\]$/, '$1'), community, {
    port: target.port,
    version: snmp.Version2c,
    timeout: target.timeoutMs,
    retries: target.retries,
    backoff: 1,
    transport: target.host.includes(':') ? 'udp6' : 'udp4',
  });

/** noSuchObject, noSuchInstance, endOfMibView: the varbind carries no value. */
export function isVarbindException(varbind: SnmpVarbind): boolean {
  return varbind.type === 128 || varbind.type === 129 || varbind.type === 130;
}

/** GET of scalars; an object the agent lacks comes back as an exception varbind, not an error. */
export function getScalars(session: SnmpSession, oids: string[]): Promise<SnmpVarbind[]> {
  return new Promise((resolve, reject) => {
    session.get(oids, (error, varbinds) => (error ? reject(error) : resolve(varbinds ?? [])));
  });
}

/** Rows per column past which a walk stops: an agent looping on its own table would never end. */
const maxRows = 200_000;

/**
 * One table column, by row index (the OID suffix after the column: `3` for ifIndex 3,
 * `127.0.0.1` for an ipAddrTable row). A column the agent does not have is an empty map.
 */
export function walkColumn(
  session: SnmpSession,
  column: string,
  maxRepetitions = 25,
): Promise<Map<string, SnmpVarbind>> {
  const prefix = `${column}.`;
  const rows = new Map<string, SnmpVarbind>();
  return new Promise((resolve, reject) => {
    session.subtree(
      column,
      maxRepetitions,
      (varbinds) => {
        for (const varbind of varbinds) {
          if (isVarbindException(varbind) || !varbind.oid.startsWith(prefix)) return true;
          const index = varbind.oid.slice(prefix.length);
          if (rows.has(index)) return true;
          rows.set(index, varbind);
        }
        return rows.size >= maxRows;
      },
      (error) => (error ? reject(error) : resolve(rows)),
    );
  });
}
