/** Nmap XML reports the tests read; fixtures, not shipped. */

/**
 * The Nmap XML sample of the attack module's fixtures (shared/fixtures/security.md §9.1, "our
 * sample, following the Nmap DTD"), copied here so the tests stand alone.
 */
export const section91Sample = `<nmaprun scanner="nmap" args="nmap -sV -oX - 10.0.0.0/29" version="7.94" xmloutputversion="1.05">
 <host><status state="up"/><address addr="10.0.0.5" addrtype="ipv4"/>
  <hostnames><hostname name="web01" type="PTR"/></hostnames>
  <ports>
   <port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH" version="8.9p1"><cpe>cpe:/a:openbsd:openssh:8.9p1</cpe></service></port>
   <port protocol="tcp" portid="80"><state state="open"/><service name="http" product="nginx" version="1.18.0"/></port>
   <port protocol="tcp" portid="443"><state state="filtered"/></port>
  </ports><os><osmatch name="Linux 5.x" accuracy="95"/></os></host>
 <host><status state="down"/><address addr="10.0.0.6" addrtype="ipv4"/></host>
 <runstats><finished time="1700000010" exit="success"/><hosts up="1" down="1" total="2"/></runstats>
</nmaprun>`;

/**
 * Output of `nmap -sT -Pn -n -p 1-30 --scan-delay 200ms -oX - 127.0.0.1` by Nmap 7.93 (Debian),
 * one host kept: the prolog real reports carry, `--` escaped as `-&#45;`, ports summarised as
 * <extraports>.
 */
export const nmap793Output = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>
<!-- Nmap 7.93 scan initiated Sun Nov 29 11:16:52 2026 as: /usr/bin/nmap -sT -Pn -n -p 1-30 -&#45;scan-delay 200ms -oX - 127.0.0.1 -->
<nmaprun scanner="nmap" args="/usr/bin/nmap -sT -Pn -n -p 1-30 -&#45;scan-delay 200ms -oX - 127.0.0.1" start="1795951012" startstr="Sun Nov 29 11:16:52 2026" version="7.93" xmloutputversion="1.05">
<scaninfo type="connect" protocol="tcp" numservices="30" services="1-30"/>
<verbose level="0"/>
<debugging level="0"/>
<host starttime="1795951012" endtime="1795951018"><status state="up" reason="user-set" reason_ttl="0"/>
<address addr="127.0.0.1" addrtype="ipv4"/>
<hostnames>
</hostnames>
<ports><extraports state="closed" count="30">
<extrareasons reason="conn-refused" count="30" proto="tcp" ports="1-30"/>
</extraports>
</ports>
<times srtt="143" rttvar="69" to="200000"/>
</host>
<runstats><finished time="1795951018" timestr="Sun Nov 29 11:16:58 2026" summary="Nmap done at Sun Nov 29 11:16:58 2026; 1 IP address (1 host up) scanned in 6.04 seconds" elapsed="6.04" exit="success"/><hosts up="1" down="0" total="1"/>
</runstats>
</nmaprun>
`;
