import type { Entity, JsonValue } from '../../model/index.js';
import { objectValue } from './prop-values.js';

/** A certificate as an entity's props describe it; times are epoch ms, NaN when unreadable. */
export interface CertificateRecord {
  /** Where it was read: `certificates[2]`, `certificateNotAfter` or `notAfter`. */
  readonly prop: string;
  readonly name: string;
  readonly notAfterMs: number;
  readonly notBeforeMs: number | undefined;
  readonly written: JsonValue;
}

/**
 * The certificates an entity declares, in any of three forms: a `certificates` array of
 * `{ name | subject, notAfter, notBefore? }`; a single `certificateNotAfter`; or `notAfter` on the
 * entity itself (a certificate modelled as an entity of a user-defined kind).
 */
export function certificatesOf(entity: Entity): CertificateRecord[] {
  const records: CertificateRecord[] = [];
  const list = entity.props.certificates;
  if (list !== undefined) {
    const items = Array.isArray(list) ? list : [list];
    items.forEach((item, index) => {
      const prop = Array.isArray(list) ? `certificates[${index}]` : 'certificates';
      records.push(fromObject(objectValue(item), prop, item));
    });
  }
  for (const prop of ['certificateNotAfter', 'notAfter'] as const) {
    const value = entity.props[prop];
    if (value === undefined) continue;
    const notBefore = prop === 'notAfter' ? entity.props.notBefore : undefined;
    records.push({
      prop,
      name: prop === 'notAfter' ? entity.name : 'certificate',
      notAfterMs: timeOf(value),
      notBeforeMs: notBefore === undefined ? undefined : timeOf(notBefore),
      written: value,
    });
  }
  return records;
}

function fromObject(
  item: Record<string, JsonValue> | undefined,
  prop: string,
  written: JsonValue,
): CertificateRecord {
  const label = item?.name ?? item?.subject ?? item?.commonName;
  return {
    prop,
    name: typeof label === 'string' ? label : prop,
    notAfterMs: item?.notAfter === undefined ? Number.NaN : timeOf(item.notAfter),
    notBeforeMs: item?.notBefore === undefined ? undefined : timeOf(item.notBefore),
    written,
  };
}

/** ISO-8601 text or epoch milliseconds; NaN for anything else. */
export function timeOf(value: JsonValue): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return Number.NaN;
  return Date.parse(value.trim());
}
