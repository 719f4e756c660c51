import { domainToASCII } from 'node:url';
import {
  InputError,
  type InputIssue,
  type IpNetwork,
  networkContains,
  parseIp,
  parseNetwork,
} from '../../model/index.js';

/** Where scrapes may go: networks for addresses, names (with `*` globs) for host names. */
export interface AllowList {
  readonly networks: readonly IpNetwork[];
  readonly names: readonly NamePattern[];
}

export interface NamePattern {
  readonly entry: string;
  readonly pattern: RegExp;
}

const namePattern = /^[a-z0-9_*-]+(?:\.[a-z0-9_*-]+)*$/;

/**
 * Compiles `10.0.0.0/8`, `127.0.0.1`, `::1/128`, `metrics.example.com`, `node-*.example.com`.
 * In a name, `*` stands for any run of characters within one label: `node-*.example.com`
 * admits `node-7.example.com` but not `node-7.evil.example.com`. Throws InputError whose issues
 * name `allowList[i]`.
 */
export function compileAllowList(entries: readonly string[]): AllowList {
  const networks: IpNetwork[] = [];
  const names: NamePattern[] = [];
  const issues: InputIssue[] = [];
  for (const [index, entry] of entries.entries()) {
    const compiled = compileEntry(entry);
    if ('message' in compiled) issues.push({ field: `allowList[${index}]`, message: compiled.message });
    else if ('pattern' in compiled) names.push(compiled);
    else networks.push(compiled);
  }
  if (issues.length > 0) {
    const first = issues[0] as InputIssue;
    throw new InputError(`scrape allow-list: ${first.field}: ${first.message}`, issues);
  }
  return { networks, names };
}

function compileEntry(entry: unknown): IpNetwork | NamePattern | { message: string } {
  if (typeof entry !== 'string' || entry.trim() === '') return { message: 'must be a non-empty string' };
  const text = entry.trim();
  if (text.includes(':') || /^[\d./]+$/.test(text)) {
    const network = parseNetwork(text);
    return 'message' in network ? { message: `'${text}' ${network.message}` } : network;
  }
  return compileName(text);
}

function compileName(text: string): NamePattern | { message: string } {
  const lower = text.toLowerCase().replace(/\.$/, '');
  const name = lower.includes('*') ? lower : domainToASCII(lower);
  if (name === '' || !namePattern.test(name)) {
    return { message: `'${text}' is not a host name, address or CIDR range` };
  }
  if (name.split('.').every((label) => /^[\d*]+$/.test(label))) {
    return {
      message: `'${text}' looks like an address pattern; write address ranges as CIDR, e.g. 10.0.0.0/8`,
    };
  }
  const source = name.split('*').map(quoteRegExp).join('[^.]*');
  return { entry: name, pattern: new RegExp(`^${source}$`) };
}

function quoteRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function allowsName(list: AllowList, hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return list.names.some(({ pattern }) => pattern.test(name));
}

/** Whether the address text lies in one of the list's networks. */
export function allowsAddress(list: AllowList, address: string): boolean {
  const parsed = parseIp(address);
  return parsed !== undefined && list.networks.some((network) => networkContains(network, parsed));
}
