export type { AddressClaim, AddressMatch } from './asset-index.js';
export { scannableKinds } from './asset-index.js';
export type { NmapImport, NmapImportOptions, NmapMatch, NmapUnmatched } from './nmap-import.js';
export { nmapOperations } from './nmap-import.js';
export type { TextPosition } from './nmap-parse-error.js';
export { NmapParseError } from './nmap-parse-error.js';
export type {
  NmapAddress,
  NmapExtraPorts,
  NmapHost,
  NmapHostname,
  NmapHostState,
  NmapOsMatch,
  NmapPort,
  NmapPortState,
  NmapScan,
  NmapScanInfo,
  NmapService,
  PortRange,
} from './nmap-scan.js';
export { nmapPortStates } from './nmap-scan.js';
export { parseNmapXml } from './nmap-xml.js';
export { isOpenPort } from './port-evidence.js';
export { networkServiceId } from './service-operations.js';
