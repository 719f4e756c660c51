/** A field's path inside a parsed input: `['entities', 3, 'props', 'units']`. */
export type FieldPath = ReadonlyArray<string | number>;

const plainKey = /^[A-Za-z_$][\w$-]*$/;

/**
 * `entities[3].props.units`: the notation of InputIssue.field. A key that would make the path
 * ambiguous (`app.kubernetes.io/name`, or one with spaces) is written `labels["app.kubernetes.io/name"]`.
 */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (!plainKey.test(part)) text += `[${JSON.stringify(part)}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}
