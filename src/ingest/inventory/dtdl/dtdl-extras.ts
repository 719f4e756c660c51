// What a kind says that DTDL has no member for, carried in the element's `comment` ("a comment for
// model authors", at most 512 characters: DTDL.v3.md) as `infratwin:` and a JSON object:
//
//   unit        a unit DTDL has no word for (`ratio`, `U`, `req/s`): a semantic type would need one
//   thresholds  a metric's health thresholds
//   targets     the kinds a relation may reach, exactly (a Relationship names at most one target)
//   json        the Property holds JSON text of an `object` or `array` (see dtdl-export.ts)
//
// Any other comment is the author's and is left alone; a malformed `infratwin:` comment is ignored
// part by part, so a hand-edited model loses only what it broke.
import type { Thresholds } from '../../../model/index.js';
import { isRecord } from '../json-fields.js';

const prefix = 'infratwin:';
export const maxCommentLength = 512;

export interface DtdlExtras {
  readonly unit?: string;
  readonly thresholds?: Thresholds;
  readonly targets?: readonly string[];
  readonly json?: 'object' | 'array';
}

/** The comment carrying `extras`, or undefined when there is nothing to carry. */
export function extrasComment(extras: DtdlExtras): string | undefined {
  const entries = Object.entries(extras).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : prefix + JSON.stringify(Object.fromEntries(entries));
}

/** The extras in a comment; `{}` for an author's comment or none. */
export function readExtras(comment: string | undefined): DtdlExtras {
  if (comment === undefined || !comment.startsWith(prefix)) return {};
  let value: unknown;
  try {
    value = JSON.parse(comment.slice(prefix.length));
  } catch {
    return {};
  }
  if (!isRecord(value)) return {};
  const thresholds = thresholdsOf(value.thresholds);
  const targets = value.targets;
  return {
    ...(typeof value.unit === 'string' ? { unit: value.unit } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(Array.isArray(targets) && targets.every((target) => typeof target === 'string')
      ? { targets: targets as string[] }
      : {}),
    ...(value.json === 'object' || value.json === 'array' ? { json: value.json } : {}),
  };
}

/** Whether a comment is infratwin's own, rather than an author's to keep. */
export function isExtrasComment(comment: string | undefined): boolean {
  return comment?.startsWith(prefix) === true;
}

function thresholdsOf(value: unknown): Thresholds | undefined {
  if (!isRecord(value)) return undefined;
  const { warning, critical, direction, basis } = value;
  if (typeof warning !== 'number' || typeof critical !== 'number') return undefined;
  return {
    warning,
    critical,
    ...(direction === 'above' || direction === 'below' ? { direction } : {}),
    ...(typeof basis === 'string' ? { basis } : {}),
  };
}
