// Kubernetes' metav1.LabelSelector (matchLabels and matchExpressions, ANDed) and the plain map
// selector of a core Service (`spec.selector`): reading them and matching labels against them.
import type { FieldPath } from '../../../model/index.js';
import {
  FieldError,
  field,
  optionalArray,
  optionalObject,
  optionalStringMap,
  requireObject,
  requireString,
} from '../json-fields.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

export interface KubernetesLabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
}

const operators: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** `{}` (or absent, for the fields where Kubernetes reads absent as empty): selects everything. */
export const everything: KubernetesLabelSelector = { matchLabels: {}, matchExpressions: [] };

export function readLabelSelector(value: unknown, path: FieldPath): KubernetesLabelSelector | undefined {
  const object = optionalObject(value, path);
  if (object === undefined) return undefined;
  const matchLabels = optionalStringMap(field(object, 'matchLabels'), [...path, 'matchLabels']);
  const matchExpressions = optionalArray(
    field(object, 'matchExpressions'),
    [...path, 'matchExpressions'],
    readRequirement,
  );
  return { matchLabels, matchExpressions };
}

function readRequirement(value: unknown, path: FieldPath): SelectorRequirement {
  const object = requireObject(value, path);
  const key = requireString(field(object, 'key'), [...path, 'key']);
  const operator = requireString(field(object, 'operator'), [...path, 'operator']);
  if (!operators.includes(operator)) {
    throw new FieldError([...path, 'operator'], `'${operator}' is not In, NotIn, Exists or DoesNotExist`);
  }
  const values = optionalArray(field(object, 'values'), [...path, 'values'], requireString);
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    throw new FieldError([...path, 'values'], `${operator} needs at least one value`);
  }
  return { key, operator: operator as SelectorOperator, values };
}

export function isEmptySelector(selector: KubernetesLabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether `labels` satisfy every requirement; NotIn and DoesNotExist match an absent key, as in Kubernetes. */
export function selectorMatches(
  selector: KubernetesLabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  const labelValue = (key: string): string | undefined =>
    Object.hasOwn(labels, key) ? labels[key] : undefined;
  for (const key of Object.keys(selector.matchLabels)) {
    if (labelValue(key) !== selector.matchLabels[key]) return false;
  }
  for (const requirement of selector.matchExpressions) {
    const value = labelValue(requirement.key);
    switch (requirement.operator) {
      case 'In':
        if (value === undefined || !requirement.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && requirement.values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

/** A Service's `spec.selector` map as a label selector; an empty map selects no pods there (see mapping). */
export function mapSelector(matchLabels: Readonly<Record<string, string>>): KubernetesLabelSelector {
  return { matchLabels, matchExpressions: [] };
}
