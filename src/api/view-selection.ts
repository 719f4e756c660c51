import type { ViewQuery } from '../contract/index.js';
import { InputError, type Twin, type TwinView } from '../model/index.js';

/** The view a read asks for; the live view itself (no allocation) when it names none. */
export function selectView(twin: Twin, query: ViewQuery): TwinView {
  const { asOf, seq, fork } = query;
  if (asOf === undefined && seq === undefined && fork === undefined) return twin.live;
  if (asOf !== undefined && seq !== undefined) {
    throw new InputError('give asOf or seq, not both', [
      { field: 'querystring.seq', message: 'cannot be combined with asOf' },
    ]);
  }
  return twin.view({
    ...(asOf !== undefined ? { asOf: parseTime(asOf, 'querystring.asOf') } : {}),
    ...(seq !== undefined ? { seq } : {}),
    ...(fork !== undefined ? { fork } : {}),
  });
}

/** An ISO-8601 time or epoch milliseconds, as epoch milliseconds. */
export function parseTime(text: string, field: string): number {
  const trimmed = text.trim();
  const ms = /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(ms)) {
    throw new InputError(`'${text}' is not a time`, [
      { field, message: 'must be an ISO-8601 time (2026-01-31T12:00:00Z) or epoch milliseconds' },
    ]);
  }
  return ms;
}
