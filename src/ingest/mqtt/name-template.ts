/**
 * `rack:{site}/{room}/{rack}`: text with `{name}` references, compiled once per rule so that a
 * message costs one pass over a few parts. There is no escape for braces: entity ids and metric
 * names never need them, and a stray brace is far more likely a typo.
 */
export type TemplatePart = string | { readonly ref: string };

export interface NameTemplate {
  readonly parts: readonly TemplatePart[];
  readonly refs: readonly string[];
}

const reference = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The compiled template, or why it is malformed. */
export function compileTemplate(text: string): NameTemplate | { message: string } {
  const parts: TemplatePart[] = [];
  const refs: string[] = [];
  let last = 0;
  for (const match of text.matchAll(reference)) {
    const literal = text.slice(last, match.index);
    if (/[{}]/.test(literal)) return { message: `has a stray brace in '${literal}'` };
    if (literal !== '') parts.push(literal);
    const ref = match[1] as string;
    parts.push({ ref });
    refs.push(ref);
    last = match.index + match[0].length;
  }
  const tail = text.slice(last);
  if (/[{}]/.test(tail)) return { message: `has a stray brace in '${tail}'` };
  if (tail !== '') parts.push(tail);
  return { parts, refs };
}

export function renderTemplate(template: NameTemplate, values: Readonly<Record<string, string>>): string {
  let text = '';
  for (const part of template.parts) text += typeof part === 'string' ? part : (values[part.ref] ?? '');
  return text;
}
