import { describePosition, NmapParseError } from './nmap-parse-error.js';
import {
  type NmapAddress,
  type NmapExtraPorts,
  type NmapHost,
  type NmapHostname,
  type NmapHostState,
  type NmapOsMatch,
  type NmapPort,
  type NmapPortState,
  type NmapScan,
  type NmapScanInfo,
  type NmapService,
  nmapPortStates,
} from './nmap-scan.js';
import { parsePortRanges } from './port-ranges.js';
import {
  attribute,
  childElement,
  childElements,
  childTexts,
  findXmlSyntaxProblem,
  parseXmlDocument,
  type XmlDocument,
  type XmlElement,
} from './xml-document.js';

/** Elements that may repeat: always read as lists, so a single one is not mistaken for an object. */
const listElements: ReadonlySet<string> = new Set([
  'host',
  'port',
  'address',
  'hostname',
  'cpe',
  'osmatch',
  'scaninfo',
  'extraports',
]);

const cpePattern = /^cpe:(?:\/|2\.3:)/i;
const portPattern = /^\d{1,5}$/;
const digitsPattern = /^\d+$/;
const percentPattern = /^\d+(?:\.\d+)?$/;

/** Collects what was skipped, with the line it is on, while the rest is read. */
interface Reading {
  document: XmlDocument;
  problems: string[];
}

/**
 * Reads an Nmap XML report (`nmap -oX`). Throws NmapParseError when the text is not XML or not an
 * Nmap report; parts that cannot be read (a port numbered `ssh`) are skipped and listed in
 * `problems`, so one bad element does not lose a whole scan.
 */
export function parseNmapXml(text: string): NmapScan {
  const problems: string[] = [];
  const document = parseXmlDocument(readableText(text, problems), listElements);
  const root = nmapRunElement(document);
  const reading: Reading = { document, problems };
  return withoutUndefined({
    scanner: attribute(root, 'scanner') ?? 'nmap',
    args: attribute(root, 'args'),
    version: attribute(root, 'version'),
    startedAt: epochMs(attribute(root, 'start')),
    finishedAt: epochMs(attribute(childElement(childElement(root, 'runstats'), 'finished'), 'time')),
    scanned: childElements(root, 'scaninfo').flatMap((element) => readScanInfo(element, reading)),
    hosts: childElements(root, 'host').map((element) => readHost(element, reading)),
    problems,
  });
}

/**
 * The text to parse: `text` itself when well-formed. An interrupted Nmap leaves its report without
 * `</nmaprun>` (and without `<runstats>`); that is repaired, keeping every complete host, and noted.
 */
function readableText(text: string, problems: string[]): string {
  const syntaxProblem = findXmlSyntaxProblem(text);
  if (syntaxProblem === undefined) return text;
  const repaired = repairInterruptedReport(text);
  if (repaired !== undefined) {
    problems.push(repaired.note);
    return repaired.text;
  }
  if (text.trim() === '') throw new NmapParseError('the text is empty');
  throw new NmapParseError(`not well-formed XML: ${syntaxProblem.message}`, syntaxProblem);
}

function repairInterruptedReport(text: string): { text: string; note: string } | undefined {
  const start = text.indexOf('<nmaprun');
  if (start < 0 || text.includes('</nmaprun>')) return undefined;
  const closed = `${text}\n</nmaprun>`;
  if (findXmlSyntaxProblem(closed) === undefined) {
    return {
      text: closed,
      note: 'the report ends without </nmaprun> (an interrupted scan); read as far as it goes',
    };
  }
  // Cut off a host or trailer that was being written when the scan stopped.
  const lastHostEnd = text.lastIndexOf('</host>');
  if (lastHostEnd < start) return undefined;
  const cut = `${text.slice(0, lastHostEnd + '</host>'.length)}\n</nmaprun>`;
  if (findXmlSyntaxProblem(cut) !== undefined) return undefined;
  const line = text.slice(0, lastHostEnd).split('\n').length;
  return {
    text: cut,
    note: `the report ends without </nmaprun> (an interrupted scan); read up to the last complete host (line ${line}), the unfinished rest was dropped`,
  };
}

function nmapRunElement(document: XmlDocument): XmlElement {
  const [root, ...others] = document.roots;
  if (root === undefined) throw new NmapParseError('the document has no root element');
  if (others.length > 0) {
    const names = document.roots.map((item) => `<${item.name}>`).join(', ');
    throw new NmapParseError(
      `the document has ${document.roots.length} root elements (${names}), XML allows one`,
      {
        line: others[0]?.line ?? root.line,
      },
    );
  }
  if (root.name !== 'nmaprun') {
    throw new NmapParseError(
      `the root element is <${root.name}>, not <nmaprun>: this is not an Nmap XML report`,
      {
        line: root.line,
      },
    );
  }
  return root.element ?? {};
}

function readScanInfo(element: XmlElement, reading: Reading): NmapScanInfo[] {
  const services = attribute(element, 'services') ?? '';
  const ports = parsePortRanges(services);
  if (ports === undefined) {
    problem(reading, element, `<scaninfo services="${services}"> is not a port list; skipped`);
    return [];
  }
  return [{ type: attribute(element, 'type') ?? '', protocol: attribute(element, 'protocol') ?? '', ports }];
}

function readHost(element: XmlElement, reading: Reading): NmapHost {
  const addresses = childElements(element, 'address').flatMap((item) => readAddress(item, reading));
  const hostLabel = addresses[0]?.addr ?? 'a host without address';
  const ports = childElement(element, 'ports');
  return {
    state: hostState(attribute(childElement(element, 'status'), 'state')),
    addresses,
    hostnames: childElements(childElement(element, 'hostnames'), 'hostname').flatMap(readHostname),
    ports: childElements(ports, 'port').flatMap((item) => readPort(item, hostLabel, reading)),
    extraPorts: childElements(ports, 'extraports').flatMap((item) => readExtraPorts(item, reading)),
    osMatches: childElements(childElement(element, 'os'), 'osmatch').flatMap((item) =>
      readOsMatch(item, reading),
    ),
    timedOut: attribute(element, 'timedout') === 'true',
  };
}

function hostState(text: string | undefined): NmapHostState {
  return text === 'up' || text === 'down' ? text : 'unknown';
}

function readAddress(element: XmlElement, reading: Reading): NmapAddress[] {
  const addr = attribute(element, 'addr');
  // nmap.dtd: addrtype defaults to ipv4.
  const type = attribute(element, 'addrtype') ?? 'ipv4';
  if (addr === undefined || (type !== 'ipv4' && type !== 'ipv6' && type !== 'mac')) {
    problem(reading, element, `<address addr="${addr ?? ''}" addrtype="${type}"> is not an address; skipped`);
    return [];
  }
  return [withoutUndefined({ addr, type, vendor: attribute(element, 'vendor') })];
}

function readHostname(element: XmlElement): NmapHostname[] {
  const name = attribute(element, 'name');
  // nmap.dtd allows only `user` (given on the command line) and `PTR` (reverse DNS).
  return name ? [{ name, type: attribute(element, 'type') === 'PTR' ? 'PTR' : 'user' }] : [];
}

function readPort(element: XmlElement, hostLabel: string, reading: Reading): NmapPort[] {
  const protocol = attribute(element, 'protocol');
  const portId = attribute(element, 'portid') ?? '';
  const stateElement = childElement(element, 'state');
  const state = attribute(stateElement, 'state');
  const what = `port '${portId}' (${protocol ?? 'no protocol'}) of ${hostLabel}`;
  if (!portPattern.test(portId) || Number(portId) > 65535) {
    problem(reading, element, `${what} is not a port number; skipped`);
    return [];
  }
  if (protocol === undefined || !isPortState(state)) {
    problem(reading, element, `${what} has no protocol or an unknown state '${state ?? ''}'; skipped`);
    return [];
  }
  const service = readService(childElement(element, 'service'), what, reading);
  return [
    withoutUndefined({
      protocol,
      port: Number(portId),
      state,
      reason: attribute(stateElement, 'reason'),
      service,
    }),
  ];
}

function isPortState(text: string | undefined): text is NmapPortState {
  return (nmapPortStates as readonly (string | undefined)[]).includes(text);
}

function readService(
  element: XmlElement | undefined,
  portLabel: string,
  reading: Reading,
): NmapService | undefined {
  if (element === undefined) return undefined;
  const name = attribute(element, 'name');
  if (name === undefined) {
    problem(reading, element, `the service of ${portLabel} has no name; service skipped, port kept`);
    return undefined;
  }
  return withoutUndefined({
    name,
    product: attribute(element, 'product'),
    version: attribute(element, 'version'),
    extraInfo: attribute(element, 'extrainfo'),
    tunnel: attribute(element, 'tunnel'),
    cpes: readCpes(element, portLabel, reading),
  });
}

function readCpes(service: XmlElement, portLabel: string, reading: Reading): string[] {
  const cpes: string[] = [];
  for (const text of childTexts(service, 'cpe')) {
    const cpe = text.trim();
    if (cpePattern.test(cpe)) cpes.push(cpe);
    else if (cpe !== '') problem(reading, service, `'${cpe}' on ${portLabel} is not a CPE name; skipped`);
  }
  return cpes;
}

function readExtraPorts(element: XmlElement, reading: Reading): NmapExtraPorts[] {
  const state = attribute(element, 'state');
  const count = attribute(element, 'count') ?? '';
  if (state === undefined || !digitsPattern.test(count)) {
    problem(reading, element, `<extraports state="${state ?? ''}" count="${count}"> is unreadable; skipped`);
    return [];
  }
  return [{ state, count: Number(count) }];
}

function readOsMatch(element: XmlElement, reading: Reading): NmapOsMatch[] {
  const name = attribute(element, 'name');
  const accuracy = attribute(element, 'accuracy') ?? '';
  if (name === undefined || !percentPattern.test(accuracy)) {
    problem(reading, element, `<osmatch name="${name ?? ''}" accuracy="${accuracy}"> is unreadable; skipped`);
    return [];
  }
  return [{ name, accuracy: Number(accuracy) }];
}

function epochMs(seconds: string | undefined): number | undefined {
  return seconds !== undefined && digitsPattern.test(seconds) ? Number(seconds) * 1000 : undefined;
}

function problem(reading: Reading, element: XmlElement, message: string): void {
  const position = reading.document.positionOf(element);
  reading.problems.push(position ? `${describePosition(position)}: ${message}` : message);
}

/** Leaves out absent optional fields, so a scan compares equal to one built without them. */
function withoutUndefined<T extends object>(value: T): T {
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return value;
}
