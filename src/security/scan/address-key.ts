import { formatIpAddress, parseIp, unmapIpv4 } from '../../model/index.js';

/**
 * One spelling per IP address, so that an inventory's `10.0.0.5/24`, `::ffff:10.0.0.5` or
 * `2001:DB8:0::5` finds the host Nmap reports as `10.0.0.5` or `2001:db8::5`. The prefix length and
 * an IPv6 zone (`fe80::1%eth0`) say where the address lives, not which it is, so both are dropped.
 * Undefined for text that is not an address; dotted parts with leading zeros are refused, as the
 * model refuses them (`010` is octal 8 to some tools).
 */
export function addressKey(text: string): string | undefined {
  let address = text.trim();
  const slash = address.indexOf('/');
  if (slash >= 0) address = address.slice(0, slash);
  const zone = address.indexOf('%');
  if (zone >= 0 && address.includes(':')) address = address.slice(0, zone);
  const parsed = parseIp(address);
  return parsed === undefined ? undefined : formatIpAddress(unmapIpv4(parsed));
}
