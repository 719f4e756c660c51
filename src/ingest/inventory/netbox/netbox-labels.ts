// Label keys and values from NetBox text. A label value must be selectable (docs/model.md: letters,
// digits and `-_./:`, at most 63 characters, starting and ending with a letter or digit), so names
// with spaces become slugs and over-long text is cut.
const notValueCharacter = /[^-A-Za-z0-9_./:]+/g;
const notKeyCharacter = /[^-A-Za-z0-9_.]+/g;
const ragged = /^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g;

const selectableValue = /^[A-Za-z0-9](?:[-A-Za-z0-9_./:]{0,61}[A-Za-z0-9])?$/;

function tidy(text: string, invalid: RegExp): string | undefined {
  const cleaned = text.trim().replace(invalid, '-').replace(/-{2,}/g, '-').replace(ragged, '');
  const cut = cleaned.length > 63 ? cleaned.slice(0, 63).replace(ragged, '') : cleaned;
  return cut === '' ? undefined : cut;
}

/** A label value from any text, or undefined when nothing selectable is left. */
export function labelValue(text: string): string | undefined {
  return selectableValue.test(text) ? text : tidy(text, notValueCharacter);
}

/** A label key from any text (a tag slug), or undefined. */
export function labelKey(text: string): string | undefined {
  return tidy(text, notKeyCharacter);
}
