import { describe, expect, it } from 'vitest';
import { NmapParseError } from './nmap-parse-error.js';
import { nmap793Output, section91Sample } from './nmap-samples.fixture.js';
import { parseNmapXml } from './nmap-xml.js';

/** A report with one host whose body is `hostBody`. */
function reportWithHost(hostBody: string, trailer = '<runstats><finished time="10"/></runstats>\n'): string {
  return `<nmaprun scanner="nmap" version="7.94">\n<host><status state="up"/>${hostBody}</host>\n${trailer}</nmaprun>`;
}

function thrownBy(action: () => unknown): NmapParseError {
  try {
    action();
  } catch (error) {
    if (error instanceof NmapParseError) return error;
    throw error;
  }
  throw new Error('expected an NmapParseError');
}

describe('parseNmapXml: the §9.1 sample', () => {
  const scan = parseNmapXml(section91Sample);

  it('reads the run and both hosts, the down one kept with its state', () => {
    expect(scan).toMatchObject({ scanner: 'nmap', args: 'nmap -sV -oX - 10.0.0.0/29', version: '7.94' });
    expect(scan.finishedAt).toBe(1_700_000_010_000);
    expect(scan.startedAt).toBeUndefined();
    expect(scan.problems).toEqual([]);
    expect(scan.hosts.map((host) => host.state)).toEqual(['up', 'down']);
    expect(scan.hosts[1]?.addresses).toEqual([{ addr: '10.0.0.6', type: 'ipv4' }]);
  });

  it('names 10.0.0.5 web01 and finds two open services with product, version and CPE', () => {
    const [web01] = scan.hosts;
    expect(web01?.addresses).toEqual([{ addr: '10.0.0.5', type: 'ipv4' }]);
    expect(web01?.hostnames).toEqual([{ name: 'web01', type: 'PTR' }]);
    expect(web01?.ports.filter((port) => port.state === 'open')).toEqual([
      {
        protocol: 'tcp',
        port: 22,
        state: 'open',
        service: {
          name: 'ssh',
          product: 'OpenSSH',
          version: '8.9p1',
          cpes: ['cpe:/a:openbsd:openssh:8.9p1'],
        },
      },
      {
        protocol: 'tcp',
        port: 80,
        state: 'open',
        service: { name: 'http', product: 'nginx', version: '1.18.0', cpes: [] },
      },
    ]);
    expect(web01?.osMatches).toEqual([{ name: 'Linux 5.x', accuracy: 95 }]);
  });

  it('keeps port 443 as filtered, without a service', () => {
    expect(scan.hosts[0]?.ports.find((port) => port.port === 443)).toEqual({
      protocol: 'tcp',
      port: 443,
      state: 'filtered',
    });
  });
});

describe('parseNmapXml: what real reports contain', () => {
  it('reads Nmap 7.93 output: prolog, numeric references, scanned ports, extraports', () => {
    const scan = parseNmapXml(nmap793Output);
    expect(scan.args).toBe('/usr/bin/nmap -sT -Pn -n -p 1-30 --scan-delay 200ms -oX - 127.0.0.1');
    expect(scan.startedAt).toBe(1_795_951_012_000);
    expect(scan.scanned).toEqual([{ type: 'connect', protocol: 'tcp', ports: [{ from: 1, to: 30 }] }]);
    expect(scan.hosts).toEqual([
      {
        state: 'up',
        addresses: [{ addr: '127.0.0.1', type: 'ipv4' }],
        hostnames: [],
        ports: [],
        extraPorts: [{ state: 'closed', count: 30 }],
        osMatches: [],
        timedOut: false,
      },
    ]);
  });

  it('reads CPE 2.2 and 2.3 names, several per service, and a TLS tunnel', () => {
    const scan = parseNmapXml(
      reportWithHost(`<address addr="10.0.0.9"/><ports><port protocol="tcp" portid="443"><state state="open" reason="syn-ack"/>
        <service name="http" product="Apache httpd" version="2.4.57" extrainfo="(Debian)" tunnel="ssl">
          <cpe>cpe:/a:apache:http_server:2.4.57</cpe>
          <cpe>cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*</cpe>
          <cpe>cpe:/o:linux:linux_kernel</cpe>
        </service></port></ports>`),
    );
    expect(scan.hosts[0]?.ports[0]).toEqual({
      protocol: 'tcp',
      port: 443,
      state: 'open',
      reason: 'syn-ack',
      service: {
        name: 'http',
        product: 'Apache httpd',
        version: '2.4.57',
        extraInfo: '(Debian)',
        tunnel: 'ssl',
        cpes: [
          'cpe:/a:apache:http_server:2.4.57',
          'cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*',
          'cpe:/o:linux:linux_kernel',
        ],
      },
    });
  });

  it('reads hostnames of type user and PTR, and a host known only by its MAC address', () => {
    const scan = parseNmapXml(
      reportWithHost(
        `<address addr="10.0.0.5" addrtype="ipv4"/><address addr="00:1A:2B:3C:4D:5E" addrtype="mac" vendor="Dell"/>
         <hostnames><hostname name="web01.example.com" type="user"/><hostname name="web01.internal" type="PTR"/></hostnames>`,
      ),
    );
    expect(scan.hosts[0]?.hostnames).toEqual([
      { name: 'web01.example.com', type: 'user' },
      { name: 'web01.internal', type: 'PTR' },
    ]);
    const macOnly = parseNmapXml(reportWithHost('<address addr="00:1A:2B:3C:4D:5E" addrtype="mac"/>'));
    expect(macOnly.hosts[0]?.addresses).toEqual([{ addr: '00:1A:2B:3C:4D:5E', type: 'mac' }]);
  });

  it('reads IPv6 addresses, UDP open|filtered ports and a timed-out host', () => {
    const scan = parseNmapXml(
      reportWithHost(
        `<address addr="2001:db8::5" addrtype="ipv6"/><ports><port protocol="udp" portid="161">
         <state state="open|filtered" reason="no-response"/><service name="snmp"/></port></ports>`,
      ).replace('<host>', '<host timedout="true">'),
    );
    const [host] = scan.hosts;
    expect(host?.addresses).toEqual([{ addr: '2001:db8::5', type: 'ipv6' }]);
    expect(host?.ports[0]).toMatchObject({ protocol: 'udp', port: 161, state: 'open|filtered' });
    expect(host?.timedOut).toBe(true);
  });
});

describe('parseNmapXml: interrupted scans', () => {
  const host =
    '<address addr="10.0.0.5"/><ports><port protocol="tcp" portid="22"><state state="open"/></port></ports>';

  it('reads a report without runstats, leaving the finish time out', () => {
    const scan = parseNmapXml(reportWithHost(host, ''));
    expect(scan.finishedAt).toBeUndefined();
    expect(scan.hosts[0]?.ports).toHaveLength(1);
    expect(scan.problems).toEqual([]);
  });

  it('reads a report cut off before </nmaprun>, as an interrupted Nmap leaves it, and says so', () => {
    const text = reportWithHost(host, '').replace('</nmaprun>', '');
    const scan = parseNmapXml(text);
    expect(scan.hosts).toHaveLength(1);
    expect(scan.problems).toEqual([expect.stringContaining('interrupted')]);
  });

  it('drops a host cut off half-way and keeps the complete ones', () => {
    const text = `${reportWithHost(host, '').replace('</nmaprun>', '')}<host><status state="up"/><address addr="10.0.0.`;
    const scan = parseNmapXml(text);
    expect(scan.hosts.map((item) => item.addresses[0]?.addr)).toEqual(['10.0.0.5']);
    expect(scan.problems).toEqual([expect.stringMatching(/last complete host \(line 2\)/)]);
  });
});

describe('parseNmapXml: errors', () => {
  it('refuses text that is not XML, saying where', () => {
    const error = thrownBy(() => parseNmapXml('Starting Nmap 7.93 ( https://nmap.org )'));
    expect(error.message).toMatch(/^line 1, column 1: not well-formed XML/);
    expect(error).toMatchObject({ line: 1, column: 1 });
    expect(thrownBy(() => parseNmapXml('  \n')).message).toBe('the text is empty');
  });

  it('refuses malformed XML with the line of the fault', () => {
    const text = '<nmaprun scanner="nmap">\n<host>\n<status state="up">\n</host>\n</nmaprun>';
    const error = thrownBy(() => parseNmapXml(text));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^line 4, column \d+: not well-formed XML: .*status/);
  });

  it('refuses XML whose root is not <nmaprun>, with its line', () => {
    const error = thrownBy(() =>
      parseNmapXml('<?xml version="1.0"?>\n<!-- a report -->\n<report><host/></report>'),
    );
    expect(error.message).toBe(
      'line 3: the root element is <report>, not <nmaprun>: this is not an Nmap XML report',
    );
    expect(error.line).toBe(3);
    expect(thrownBy(() => parseNmapXml('<nmaprun/>\n<nmaprun/>')).message).toMatch(/2 root elements/);
  });

  it('skips a port with a non-numeric or out-of-range portid, names its line, and keeps the rest', () => {
    const text = reportWithHost(
      `<address addr="10.0.0.5"/><ports>
<port protocol="tcp" portid="ssh"><state state="open"/></port>
<port protocol="tcp" portid="70000"><state state="open"/></port>
<port protocol="tcp" portid="80"><state state="open"/></port>
<port protocol="tcp" portid="81"><state state="sleeping"/></port>
</ports>`,
    );
    const scan = parseNmapXml(text);
    expect(scan.hosts[0]?.ports.map((port) => port.port)).toEqual([80]);
    expect(scan.problems).toEqual([
      "line 3: port 'ssh' (tcp) of 10.0.0.5 is not a port number; skipped",
      "line 4: port '70000' (tcp) of 10.0.0.5 is not a port number; skipped",
      "line 6: port '81' (tcp) of 10.0.0.5 has no protocol or an unknown state 'sleeping'; skipped",
    ]);
  });
});
