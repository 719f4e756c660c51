import {
  type EntityId,
  type EntityInput,
  isValidEntityId,
  type Operation,
  type TwinView,
} from '../../model/index.js';
import { addressKey } from './address-key.js';
import { type AddressMatch, AssetIndex } from './asset-index.js';
import type { NmapHost, NmapScan } from './nmap-scan.js';
import { serviceOperations } from './service-operations.js';

export interface NmapImportOptions {
  /** `discover`: a host the twin does not know becomes a new `host`; `strict`: it is only reported. */
  mode: 'discover' | 'strict';
  /**
   * Written as `props.source` on the services this import creates; only services carrying it
   * are ever removed by a later scan. Default `nmap`.
   */
  source?: string;
}

export interface NmapMatch {
  /** The scanned address, as Nmap wrote it. */
  address: string;
  entityId: EntityId;
  by: AddressMatch | 'hostname';
}

export interface NmapUnmatched {
  /** The first IP address, or the MAC address when Nmap reported only that. */
  address: string;
  hostname?: string;
}

export interface NmapImport {
  /** One change set's worth: created hosts first, then services, relations and removals. */
  operations: Operation[];
  matched: NmapMatch[];
  created: EntityId[];
  unmatched: NmapUnmatched[];
  /** Open services stated on twin assets. */
  services: number;
  /** What could not be expressed in the twin (an id that would be too long). */
  problems: string[];
}

/** Below this accuracy Nmap's OS guess is too weak to write down as a fact. */
const minimumOsAccuracy = 90;

interface ImportRun {
  view: TwinView;
  index: AssetIndex;
  mode: NmapImportOptions['mode'];
  source: string;
  result: NmapImport;
  createdHosts: Map<EntityId, EntityInput & { props: { ipAddresses: string[] } }>;
}

/**
 * The change set that records a scan in the twin: each host that is up is matched to a twin
 * asset (by IP address, then by hostname) or, in `discover` mode, created; its open ports become
 * network-services that run on it. Re-importing the same scan gives the same operations.
 */
export function nmapOperations(view: TwinView, scan: NmapScan, options: NmapImportOptions): NmapImport {
  const run: ImportRun = {
    view,
    index: AssetIndex.of(view),
    mode: options.mode,
    source: options.source ?? 'nmap',
    result: { operations: [], matched: [], created: [], unmatched: [], services: 0, problems: [] },
    createdHosts: new Map(),
  };
  const hostsByAsset = new Map<EntityId, NmapHost[]>();
  for (const host of scan.hosts) {
    const assetId = host.state === 'up' ? assetOf(run, host) : undefined;
    if (assetId === undefined) continue;
    const hosts = hostsByAsset.get(assetId) ?? [];
    hosts.push(host);
    hostsByAsset.set(assetId, hosts);
  }
  const { result } = run;
  for (const entity of run.createdHosts.values()) result.operations.push({ op: 'upsert-entity', entity });
  for (const [assetId, hosts] of hostsByAsset) {
    const changes = serviceOperations(view, scan, assetId, hosts, run.source);
    result.operations.push(...changes.operations);
    result.services += changes.services;
    result.problems.push(...changes.problems);
  }
  return result;
}

/** The twin asset a scanned host is, recording how it was found; undefined when it stays unknown. */
function assetOf(run: ImportRun, host: NmapHost): EntityId | undefined {
  const addresses = ipAddressesOf(host);
  const match = matchByAddress(run, addresses) ?? matchByHostname(run, host, addresses);
  if (match !== undefined) {
    const created = run.createdHosts.get(match.entityId);
    // A second address of a host this import creates: one host, both addresses.
    if (created) addAddresses(created.props.ipAddresses, addresses);
    else run.result.matched.push(match);
    return match.entityId;
  }
  const hostname = host.hostnames[0]?.name;
  const name = hostname ?? addresses[0]?.key;
  if (run.mode === 'strict' || name === undefined) {
    run.result.unmatched.push(unmatchedEntry(host, hostname));
    return undefined;
  }
  return discoveredHost(run, host, name, addresses);
}

interface ScannedAddress {
  written: string;
  key: string;
}

function ipAddressesOf(host: NmapHost): ScannedAddress[] {
  return host.addresses.flatMap((address) => {
    const key = address.type === 'mac' ? undefined : addressKey(address.addr);
    return key === undefined ? [] : [{ written: address.addr, key }];
  });
}

function matchByAddress(run: ImportRun, addresses: readonly ScannedAddress[]): NmapMatch | undefined {
  for (const address of addresses) {
    const claim = run.index.byAddress(address.key);
    if (claim) return { address: address.written, ...claim };
  }
  return undefined;
}

function matchByHostname(
  run: ImportRun,
  host: NmapHost,
  addresses: readonly ScannedAddress[],
): NmapMatch | undefined {
  for (const { name } of host.hostnames) {
    const entityId = run.index.byName(name);
    if (entityId !== undefined) return { address: firstAddress(host, addresses), entityId, by: 'hostname' };
  }
  return undefined;
}

/**
 * The host `discover` mode creates for an unknown scanned host. When the twin already has that id
 * (under another display name, or without addresses) it is that host: writing it again would
 * overwrite what the twin knows about it.
 */
function discoveredHost(
  run: ImportRun,
  host: NmapHost,
  name: string,
  addresses: readonly ScannedAddress[],
): EntityId | undefined {
  const id = discoveredHostId(name);
  const address = firstAddress(host, addresses);
  if (run.createdHosts.has(id)) {
    // `a b` and `a-b` make one id, but they are two names: two machines must not become one host.
    run.result.problems.push(
      `${address} (${name}): '${id}' is taken by another scanned host; host not created`,
    );
    run.result.unmatched.push(unmatchedEntry(host, host.hostnames[0]?.name));
    return undefined;
  }
  if (run.view.entity(id)) {
    run.result.matched.push({ address, entityId: id, by: host.hostnames.length > 0 ? 'hostname' : 'ip' });
    return id;
  }
  if (!isValidEntityId(id)) {
    run.result.problems.push(`${address}: '${id}' is not a valid id (too long); host not created`);
    run.result.unmatched.push(unmatchedEntry(host, host.hostnames[0]?.name));
    return undefined;
  }
  const os = bestOsGuess(host);
  const keys = addresses.map((item) => item.key);
  run.createdHosts.set(id, {
    id,
    kind: 'host',
    name,
    labels: { 'discovered-by': run.source },
    props: { ipAddresses: keys, ...(os === undefined ? {} : { os }) },
  });
  run.result.created.push(id);
  run.index.addCreated(id, name, keys);
  return id;
}

function firstAddress(host: NmapHost, addresses: readonly ScannedAddress[]): string {
  return addresses[0]?.written ?? host.addresses[0]?.addr ?? '';
}

/** `host:web01.example.com`: lower-cased, as DNS names compare; whitespace cannot be in an id. */
function discoveredHostId(name: string): EntityId {
  return `host:${name.toLowerCase().replace(/\s+/g, '-')}`;
}

function bestOsGuess(host: NmapHost): string | undefined {
  const best = host.osMatches.reduce<NmapHost['osMatches'][number] | undefined>(
    (top, match) => (top === undefined || match.accuracy > top.accuracy ? match : top),
    undefined,
  );
  return best && best.accuracy >= minimumOsAccuracy ? best.name : undefined;
}

function addAddresses(list: string[], addresses: readonly ScannedAddress[]): void {
  for (const { key } of addresses) if (!list.includes(key)) list.push(key);
}

function unmatchedEntry(host: NmapHost, hostname: string | undefined): NmapUnmatched {
  const address = firstAddress(host, ipAddressesOf(host));
  return hostname === undefined ? { address } : { address, hostname };
}
