/**
 * What an Nmap XML report says, as plain data (element and attribute names follow nmap.dtd).
 * Times are epoch milliseconds; Nmap writes seconds.
 */
export interface NmapScan {
  /** Always `nmap` for Nmap itself; kept because other tools write the same format. */
  scanner: string;
  args?: string;
  version?: string;
  startedAt?: number;
  /** From `<runstats>`; absent when the scan was interrupted. */
  finishedAt?: number;
  /** The ports probed, per scan type and protocol (`<scaninfo>`). */
  scanned: NmapScanInfo[];
  hosts: NmapHost[];
  /** Parts of the report that were skipped or repaired, and why; the rest was read. */
  problems: string[];
}

export interface NmapScanInfo {
  /** `syn`, `connect`, `udp`, ... */
  type: string;
  protocol: string;
  ports: PortRange[];
}

/** Inclusive. */
export interface PortRange {
  from: number;
  to: number;
}

export type NmapHostState = 'up' | 'down' | 'unknown';

export interface NmapHost {
  state: NmapHostState;
  addresses: NmapAddress[];
  hostnames: NmapHostname[];
  /** Every `<port>` element, whatever its state. */
  ports: NmapPort[];
  /** Ports not listed one by one (`<extraports state="closed" count="997">`). */
  extraPorts: NmapExtraPorts[];
  osMatches: NmapOsMatch[];
  /** Nmap gave up on the host (`--host-timeout`): its port list is incomplete. */
  timedOut: boolean;
}

export interface NmapAddress {
  addr: string;
  type: 'ipv4' | 'ipv6' | 'mac';
  /** The MAC address's vendor, from its OUI. */
  vendor?: string;
}

export interface NmapHostname {
  name: string;
  /** `user`: as given on the command line; `PTR`: from reverse DNS. */
  type: 'user' | 'PTR';
}

export interface NmapOsMatch {
  name: string;
  /** Percent. */
  accuracy: number;
}

/** Nmap's port states (nmap.c statenum2str). */
export const nmapPortStates = [
  'open',
  'closed',
  'filtered',
  'unfiltered',
  'open|filtered',
  'closed|filtered',
  'unknown',
] as const;
export type NmapPortState = (typeof nmapPortStates)[number];

export interface NmapPort {
  /** `tcp`, `udp`, `sctp` or `ip`. */
  protocol: string;
  port: number;
  state: NmapPortState;
  /** Why Nmap decided the state: `syn-ack`, `conn-refused`, `no-response`, ... */
  reason?: string;
  service?: NmapService;
}

export interface NmapService {
  name: string;
  product?: string;
  version?: string;
  extraInfo?: string;
  /** `ssl` when the service was found inside TLS. */
  tunnel?: string;
  /** CPE names, 2.2 (`cpe:/a:…`) or 2.3 (`cpe:2.3:a:…`) form, as written. */
  cpes: string[];
}

export interface NmapExtraPorts {
  state: string;
  count: number;
}
