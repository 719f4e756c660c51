import type { NmapHost, NmapScan } from './nmap-scan.js';
import { inPortRanges } from './port-ranges.js';

/**
 * Whether Nmap found something listening. An open UDP port usually sends nothing back, so UDP's
 * `open|filtered` counts as open; for TCP it is what FIN, NULL and Xmas scans say about
 * ports they cannot tell apart, and a service there is a guess.
 */
export function isOpenPort(port: { protocol: string; state: string }): boolean {
  return port.state === 'open' || (port.state === 'open|filtered' && port.protocol === 'udp');
}

/**
 * Whether the scan shows `protocol/port` on `host` is not open: it lists the port in another
 * state, or the port was probed (`<scaninfo>`) and left out of the list, which Nmap does with
 * closed and filtered ports it summarises as `<extraports>`. A port the scan did not probe, or a
 * host whose port table is missing or cut short by a timeout, shows nothing.
 */
export function shownNotOpen(scan: NmapScan, host: NmapHost, protocol: string, port: number): boolean {
  const listed = host.ports.find((item) => item.protocol === protocol && item.port === port);
  if (listed) return !isOpenPort(listed);
  const hasPortTable = host.ports.length > 0 || host.extraPorts.length > 0;
  if (host.timedOut || !hasPortTable) return false;
  // `<extraports>` does not name its protocol; assume it may be this one.
  if (host.extraPorts.some((extra) => isOpenPort({ protocol, state: extra.state }))) return false;
  return scan.scanned.some((info) => info.protocol === protocol && inPortRanges(info.ports, port));
}
