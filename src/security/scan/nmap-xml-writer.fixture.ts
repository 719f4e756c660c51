import type { NmapHost, NmapPort, NmapScan, NmapService, PortRange } from './nmap-scan.js';

export interface WriteOptions {
  /** Write characters outside ASCII as numeric references (`&#xe9;`), as some writers do. */
  numericReferences?: boolean;
}

type AttributeValues = Record<string, string | number | undefined>;

/**
 * Writes a scan as Nmap XML, following nmap.dtd and the shape of `nmap -oX` output. A test
 * fixture: the inverse of parseNmapXml, for round trips and for building import cases.
 */
export function writeNmapXml(scan: NmapScan, options: WriteOptions = {}): string {
  const xml = new XmlText(options.numericReferences ?? false);
  const start = scan.startedAt === undefined ? undefined : scan.startedAt / 1000;
  const root = {
    scanner: scan.scanner,
    args: scan.args,
    start,
    version: scan.version,
    xmloutputversion: '1.05',
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n',
    xml.open('nmaprun', root),
    '\n',
    ...scan.scanned.map((info) =>
      xml.empty('scaninfo', {
        type: info.type,
        protocol: info.protocol,
        numservices: 1,
        services: portList(info.ports),
      }),
    ),
    ...scan.hosts.map((host) => hostXml(xml, host)),
    scan.finishedAt === undefined ? '' : runStatsXml(xml, scan.finishedAt),
    '</nmaprun>\n',
  ].join('');
}

function hostXml(xml: XmlText, host: NmapHost): string {
  return [
    xml.open('host', { starttime: 1, endtime: 2, timedout: host.timedOut ? 'true' : undefined }),
    xml.empty('status', { state: host.state, reason: 'user-set', reason_ttl: 0 }),
    ...host.addresses.map((item) =>
      xml.empty('address', { addr: item.addr, addrtype: item.type, vendor: item.vendor }),
    ),
    '<hostnames>\n',
    ...host.hostnames.map((item) => xml.empty('hostname', { ...item })),
    '</hostnames>\n',
    portsXml(xml, host),
    host.osMatches.length === 0
      ? ''
      : `<os>${host.osMatches.map((item) => xml.empty('osmatch', { ...item, line: 1 })).join('')}</os>\n`,
    '</host>\n',
  ].join('');
}

function portsXml(xml: XmlText, host: NmapHost): string {
  if (host.ports.length === 0 && host.extraPorts.length === 0) return '';
  const extra = host.extraPorts.map((item) => `${xml.open('extraports', { ...item })}\n</extraports>\n`);
  return `<ports>${extra.join('')}${host.ports.map((port) => portXml(xml, port)).join('')}</ports>\n`;
}

function portXml(xml: XmlText, port: NmapPort): string {
  return [
    xml.open('port', { protocol: port.protocol, portid: port.port }),
    xml.empty('state', { state: port.state, reason: port.reason, reason_ttl: 0 }),
    port.service ? serviceXml(xml, port.service) : '',
    '</port>\n',
  ].join('');
}

function serviceXml(xml: XmlText, service: NmapService): string {
  const { name, product, version, extraInfo, tunnel } = service;
  const attributes = { name, product, version, extrainfo: extraInfo, tunnel, method: 'probed', conf: 10 };
  const cpes = service.cpes.map((cpe) => `<cpe>${xml.escape(cpe)}</cpe>`);
  return `${xml.open('service', attributes)}${cpes.join('')}</service>`;
}

function runStatsXml(xml: XmlText, finishedAt: number): string {
  return `<runstats>${xml.empty('finished', { time: finishedAt / 1000, elapsed: 1, exit: 'success' })}</runstats>\n`;
}

function portList(ranges: readonly PortRange[]): string {
  return ranges
    .map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`))
    .join(',');
}

const namedReferences: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

class XmlText {
  constructor(private readonly numericReferences: boolean) {}

  open(name: string, attributes: AttributeValues): string {
    return `<${name}${this.attributes(attributes)}>`;
  }

  empty(name: string, attributes: AttributeValues): string {
    return `<${name}${this.attributes(attributes)}/>\n`;
  }

  escape(value: string): string {
    let out = '';
    for (const char of value) {
      const code = char.codePointAt(0) as number;
      if (namedReferences[char] !== undefined) out += namedReferences[char];
      else if (this.numericReferences && code > 0x7e) out += `&#x${code.toString(16)};`;
      else out += char;
    }
    return out;
  }

  private attributes(values: AttributeValues): string {
    return Object.entries(values)
      .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
      .map(([name, value]) => ` ${name}="${this.escape(String(value))}"`)
      .join('');
  }
}
