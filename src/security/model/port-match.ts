// Ports as the attack model writes them: `tcp/22`, `udp/53`, `tcp/SSH` (CyberBattleSim names its
// ports), `tcp/*` (every tcp port), `any/22` (either protocol), `*` (anything).

/** The pseudo-port of an asset whose listening ports the twin does not know. */
export const anyPort = '*';

/** Whether a rule's port entry lets traffic reach `port` (an asset's listening port, or `*`). */
export function portMatches(ruleEntry: string, port: string): boolean {
  if (ruleEntry === anyPort || ruleEntry === port) return true;
  // An asset with unknown ports is reachable through any rule that allows something.
  if (port === anyPort) return true;
  const [ruleProtocol, rulePort] = splitPort(ruleEntry);
  const [protocol, number] = splitPort(port);
  const protocolOk = ruleProtocol === 'any' || ruleProtocol === protocol;
  return protocolOk && (rulePort === '*' || rulePort === number || inRange(rulePort, number));
}

export function ruleCovers(ruleEntries: readonly string[], port: string): boolean {
  return ruleEntries.some((entry) => portMatches(entry, port));
}

function splitPort(text: string): [string, string] {
  const slash = text.indexOf('/');
  return slash < 0 ? ['any', text] : [text.slice(0, slash), text.slice(slash + 1)];
}

function inRange(range: string, port: string): boolean {
  const dash = range.indexOf('-');
  if (dash <= 0) return false;
  const value = Number(port);
  return (
    Number.isInteger(value) && value >= Number(range.slice(0, dash)) && value <= Number(range.slice(dash + 1))
  );
}

/**
 * An `allows` relation's ports ("22", "80,443", "8000-8100", "*") and protocol (tcp, udp, any) as
 * port entries; throws a RangeError saying which part is wrong.
 */
export function parsePortList(ports: string, protocol = 'any'): string[] {
  const proto = protocol.toLowerCase();
  if (!['tcp', 'udp', 'any'].includes(proto))
    throw new RangeError(`protocol '${protocol}' is not tcp, udp or any`);
  const entries: string[] = [];
  for (const raw of ports.split(',')) {
    const part = raw.trim();
    if (part === '*') {
      entries.push(proto === 'any' ? anyPort : `${proto}/*`);
      continue;
    }
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    const low = Number(match?.[1]);
    const high = match?.[2] === undefined ? low : Number(match[2]);
    if (!match || low > 65535 || high > 65535 || high < low)
      throw new RangeError(`port '${part}' is not a port, a range low-high or *`);
    entries.push(`${proto}/${match[2] === undefined ? low : `${low}-${high}`}`);
  }
  return entries;
}
