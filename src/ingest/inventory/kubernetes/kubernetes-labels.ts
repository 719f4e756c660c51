// Which Kubernetes labels become twin labels. The twin checks label keys when it applies a change
// set (src/model/stage-operations.ts, not exported by the model's index): a Kubernetes-style key,
// `[prefix/]name`, the prefix a lower-case DNS subdomain, at most 317 characters; any string value.
// Kubernetes' own rules are narrower (a 63-character name, a 253-character prefix), so labels read
// from an API server always pass; a hand-written List may hold keys the twin would refuse, which
// are dropped here and reported, rather than failing the whole import when it is applied.
import { formatFieldPath } from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';

const twinLabelKey = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const maxKeyLength = 317;

export function isTwinLabelKey(key: string): boolean {
  return key.length <= maxKeyLength && twinLabelKey.test(key);
}

/**
 * The labels the twin accepts, in key order (so the same object always maps to the same labels),
 * with the importer's own labels (`k8s-namespace`…) laid over them; dropped keys are reported at
 * `<object path>.metadata.labels["key"]`.
 */
export function twinLabels(
  labels: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
  objectPath: string,
  problems: InventoryProblem[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) {
    if (!isTwinLabelKey(key)) {
      problems.push({
        path: `${objectPath}.${formatFieldPath(['metadata', 'labels', key])}`,
        message: `label key '${key.slice(0, 80)}' is not one the twin accepts ([prefix/]name); the label is dropped`,
      });
      continue;
    }
    out[key] = labels[key] as string;
  }
  for (const key of Object.keys(own)) out[key] = own[key] as string;
  return out;
}
