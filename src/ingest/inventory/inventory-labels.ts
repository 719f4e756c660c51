// The labels the inventory importers write, made to the twin's rules. The twin checks a label key
// when it applies a change set (checkLabels in src/model/stage-operations.ts, not exported by the
// model's index): a Kubernetes-style key `[prefix/]name` — the prefix a lower-case DNS subdomain,
// the name letters, digits, `-`, `_` and `.` starting and ending with a letter or digit — of at
// most 317 characters; any string is a value. A key the twin accepts is always written as it is.
//
// What the importers do with the rest differs on purpose, and is an option here:
// - Kubernetes labels (keys: 'keep') are left out when the twin refuses the key, never rewritten:
//   they are the keys selectors and kubectl use, so a rewritten one would silently match nothing.
//   An API server only serves keys the twin accepts; only hand-written manifests hold others.
// - Cloud tags and NetBox tag slugs (keys: 'sanitise', labelKey) are free text (`Cost Center`,
//   `aws:cloudformation:stack-name`), made into a key: what a key cannot hold becomes `-`.
// - How long a made key may be: NetBox's stay within the 63 characters docs/estate-file.md gives a
//   label name (Kubernetes' own limit); cloud tag keys (AWS allows 128, Azure 512) keep up to 253,
//   since cutting long keys that share a prefix would make them collide.
// - NetBox's label values are made selectable too (labelValue): they are names (`Equinix FR5`) a
//   selector should be able to name. Tag values and Kubernetes values are kept as they are.
import { formatFieldPath } from '../../model/index.js';

/** The longest label key the twin accepts. */
export const maxLabelKeyLength = 317;
/** The longest key labelKey makes unless told otherwise: a Kubernetes label name's limit. */
export const defaultLabelKeyLength = 63;
/** What a selector value may be (src/model/label-selector.ts), up to 63 characters. */
const selectableValue = /^[A-Za-z0-9](?:[-A-Za-z0-9_./:]{0,61}[A-Za-z0-9])?$/;

const twinLabelKey = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const notKeyCharacter = /[^-A-Za-z0-9_.]+/g;
const notValueCharacter = /[^-A-Za-z0-9_./:]+/g;
const ragged = /^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g;

/** Whether the twin accepts `key` as a label key. */
export function isTwinLabelKey(key: string): boolean {
  return key.length <= maxLabelKeyLength && twinLabelKey.test(key);
}

/**
 * `text` with runs of characters outside `allowed` as one `-`, runs of `-` folded, and no
 * character but a letter or digit at either end, cut to `maxLength`; undefined when nothing is left.
 */
function tidy(text: string, notAllowed: RegExp, maxLength: number): string | undefined {
  const cleaned = text.trim().replace(notAllowed, '-').replace(/-{2,}/g, '-').replace(ragged, '');
  const cut = cleaned.length > maxLength ? cleaned.slice(0, maxLength).replace(ragged, '') : cleaned;
  return cut === '' ? undefined : cut;
}

export interface LabelKeyOptions {
  /** The longest key made; 63 unless given, at most 317. */
  readonly maxLength?: number;
}

/**
 * A label key from any text (a tag's key, `tag-<slug>`): the text itself when the twin accepts it
 * and it is no longer than `maxLength`; else every run of characters a key cannot hold (`/` too:
 * what is before it is not a prefix the twin takes) becomes one `-`, runs of `-` fold to one, the
 * ends are trimmed to a letter or digit and it is cut to `maxLength`. Undefined when nothing is left.
 */
export function labelKey(text: string, options: LabelKeyOptions = {}): string | undefined {
  const maxLength = options.maxLength ?? defaultLabelKeyLength;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > maxLabelKeyLength)
    throw new RangeError(`maxLength must be an integer from 1 to ${maxLabelKeyLength}, not ${maxLength}`);
  if (text.length <= maxLength && isTwinLabelKey(text)) return text;
  return tidy(text, notKeyCharacter, maxLength);
}

/**
 * A label value a selector can name — letters, digits and `-_./:`, at most 63 characters, starting
 * and ending with a letter or digit — from any text: the text itself when it is one, else tidied
 * as labelKey tidies a key. Undefined when nothing is left.
 */
export function labelValue(text: string): string | undefined {
  return selectableValue.test(text) ? text : tidy(text, notValueCharacter, 63);
}

/** Why a source's key is not a label: the twin refuses it, or another key has the label it makes. */
export type LabelRefusal =
  | { readonly reason: 'refused' }
  | { readonly reason: 'collides'; readonly label: string; readonly holder: string };

export interface SourceLabelOptions {
  /** 'keep': keys the twin accepts, others left out; 'sanitise': every key made one with labelKey. */
  readonly keys: 'keep' | 'sanitise';
  /** With 'sanitise': labelKey's maxLength. */
  readonly maxKeyLength?: number;
  /** Where the source's map is (`items[3].metadata.labels`), for the path of each refusal. */
  readonly path: string;
  /** A key that is not a label, at `<path>.key` or `<path>["odd key"]`. */
  readonly report: (path: string, key: string, refusal: LabelRefusal) => void;
}

/**
 * A source's labels or tags as twin labels. A key that cannot be a label is reported and left
 * out, and so is one that makes a label another key has: a key the twin accepts keeps its label
 * (`a-b` wins over `a b`), else the first in key order does. Labels and problems come in key
 * order, so the same input always gives the same labels and problems.
 */
export function sourceLabels(
  source: Readonly<Record<string, string>>,
  options: SourceLabelOptions,
): Record<string, string> {
  const maxLength = options.maxKeyLength ?? defaultLabelKeyLength;
  const made = Object.keys(source)
    .sort()
    .map((key) => ({
      key,
      label: options.keys === 'keep' ? (isTwinLabelKey(key) ? key : undefined) : labelKey(key, { maxLength }),
    }));
  const holders = new Map<string, string>();
  for (const { key, label } of made) if (label === key) holders.set(label, key);
  for (const { key, label } of made) {
    if (label === key) continue;
    const holder = label === undefined ? undefined : holders.get(label);
    if (label !== undefined && holder === undefined) {
      holders.set(label, key);
      continue;
    }
    const step = formatFieldPath([key]);
    const at = step.startsWith('[') ? `${options.path}${step}` : `${options.path}.${step}`;
    options.report(
      at,
      key,
      label === undefined ? { reason: 'refused' } : { reason: 'collides', label, holder: holder as string },
    );
  }
  const labels: Record<string, string> = {};
  for (const { key, label } of made) {
    if (label !== undefined && holders.get(label) === key) labels[label] = source[key] as string;
  }
  return labels;
}
