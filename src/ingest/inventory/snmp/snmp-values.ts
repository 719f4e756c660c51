// Decoding varbind values as net-snmp 3.x delivers them: OCTET STRINGs as Buffers, Counter64 as
// the BER integer's content bytes (a Buffer, despite @types/net-snmp saying bigint), Integer,
// Counter32, Gauge32 and TimeTicks as numbers, OIDs as dotted strings, IpAddress as dotted quads.
import { formatIpAddress } from '../../../model/index.js';

type Value = unknown;

function bytesOf(value: Value): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'latin1');
  return undefined;
}

/**
 * Octets as a MAC address: lower-case hex pairs joined by `:` (any length, so EUI-64 and
 * InfiniBand addresses come out whole); empty input gives ''.
 */
export function formatMac(octets: Uint8Array): string {
  let out = '';
  for (let i = 0; i < octets.length; i++) {
    out += (i === 0 ? '' : ':') + (octets[i] as number).toString(16).padStart(2, '0');
  }
  return out;
}

/** ifPhysAddress as a MAC address, or null when the interface has none (empty or all zeros). */
export function macAddressOf(value: Value): string | null {
  const octets = bytesOf(value);
  if (!octets || octets.length === 0 || octets.every((octet) => octet === 0)) return null;
  return formatMac(octets);
}

/** Control characters other than tab, line feed and carriage return, or an invalid UTF-8 sequence. */
function isUnprintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0x7f ||
      code === 0xfffd
    ) {
      return true;
    }
  }
  return false;
}

/**
 * An OCTET STRING meant as text (DisplayString, SnmpAdminString): UTF-8 with trailing NULs cut.
 * Binary content (an agent putting a MAC address where text is usual) comes out as hex pairs.
 */
export function displayString(value: Value): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\0+$/, '');
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (!(value instanceof Uint8Array)) return '';
  let end = value.length;
  while (end > 0 && value[end - 1] === 0) end--;
  const octets = value.subarray(0, end);
  const text = Buffer.from(octets).toString('utf8');
  return isUnprintable(text) ? formatMac(octets) : text;
}

/** An INTEGER, Gauge32 or TimeTicks value; null when absent or of another type. */
export function integerOf(value: Value): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** An unsigned counter (Counter32 as a number, Counter64 as BER content bytes or a bigint) as a bigint. */
export function counterBigInt(value: Value): bigint | null {
  if (typeof value === 'bigint') return value >= 0n ? value : null;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  if (value instanceof Uint8Array) {
    if (value.length === 0 || value.length > 9) return null;
    let out = 0n;
    for (const octet of value) out = (out << 8n) | BigInt(octet);
    return out;
  }
  return null;
}

/** A counter as a number (see SnmpInterface.inOctets on precision). */
export function counterOf(value: Value): number | null {
  const big = counterBigInt(value);
  return big === null ? null : Number(big);
}

/** An OID value, dotted without a leading dot. */
export function oidOf(value: Value): string {
  return typeof value === 'string' ? value.replace(/^\./, '') : '';
}

/**
 * An address given as octets (InetAddress, LLDP network addresses without their family byte):
 * 4 octets as IPv4, 16 as IPv6; null for any other length.
 */
export function ipFromOctets(octets: readonly number[] | Uint8Array): string | null {
  if (octets.length !== 4 && octets.length !== 16) return null;
  let value = 0n;
  for (const octet of octets) {
    if (!Number.isInteger(octet) || octet < 0 || octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return formatIpAddress({ family: octets.length === 4 ? 4 : 6, value });
}
