import { type IpAddress, parseIp, unmapIpv4 } from '../../model/index.js';

/**
 * Parses an address as inventories write it: `10.0.0.1`, `2001:DB8::1`, `fe80::1%eth0` (the zone
 * is dropped: it names an interface, not another address) or `::ffff:10.0.0.1` (an IPv4-mapped
 * IPv6 address is the IPv4 address, the same host on a dual-stack socket). Dotted parts with
 * leading zeros are refused: some parsers read them as octal.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  const zone = trimmed.indexOf('%');
  const parsed = parseIp(zone >= 0 && trimmed.includes(':') ? trimmed.slice(0, zone) : trimmed);
  return parsed && unmapIpv4(parsed);
}
