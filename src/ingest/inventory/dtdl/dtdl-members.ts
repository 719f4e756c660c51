// The JSON-LD spellings DTDL allows for one thing, reduced to one, for the parser. The rules are
// the DTDL v3 specification's (github.com/Azure/opendigitaltwins-dtdl,
// DTDL/v3/DTDL.Specification.v3.md): a member may be written `schema` or
// `dtmi:dtdl:property:schema;3` but not both; `@type` is a string or an array of strings, and a
// class may be written `Property` or `dtmi:dtdl:class:Property;3`; a value may be an array of one
// or a `{"@value": …}` object; display strings may be language maps; `@context` names the DTDL
// version first and extensions after it.
import { type FieldPath, formatFieldPath } from '../../../model/index.js';
import { isRecord } from '../json-fields.js';
import { describeValue, isDtmi, quote } from './dtdl-grammar.js';
import type { DtdlFinding, DtdlVersion } from './dtdl-interface.js';

export const dtdlContexts: Readonly<Record<string, DtdlVersion>> = {
  'dtmi:dtdl:context;2': 2,
  'dtmi:dtdl:context;3': 3,
  'dtmi:dtdl:context;4': 4,
};

/** QuantitativeTypes v1 (for DTDL v3) and v2 (for DTDL v4); DTDL v2 has semantic types built in. */
export const quantitativeTypesContexts: ReadonlySet<string> = new Set([
  'dtmi:dtdl:extension:quantitativeTypes;1',
  'dtmi:dtdl:extension:quantitativeTypes;2',
]);

/** The active context of an element: its DTDL version and what extensions allow. */
export interface DtdlContext {
  readonly version: DtdlVersion;
  /** Semantic types (`Temperature`) and the `unit` member are defined. */
  readonly semantic: boolean;
  /**
   * An extension the parser does not know is in force: an unknown co-type or member may be that
   * extension's, so it is let through ("informally co-typed", in the specification's words).
   */
  readonly lenient: boolean;
}

/** Where findings go for one document, and how its paths read: `models.json: [2].contents[5]`. */
export class DtdlDoc {
  /** A schema read at two depths would say the same twice: each finding is kept once. */
  private readonly seen = new Set<string>();

  constructor(
    readonly where: (path: FieldPath) => string,
    readonly problems: DtdlFinding[],
    readonly notes: DtdlFinding[],
  ) {}

  problem(path: FieldPath, message: string): void {
    this.add(this.problems, path, message);
  }

  note(path: FieldPath, message: string): void {
    this.add(this.notes, path, message);
  }

  private add(list: DtdlFinding[], path: FieldPath, message: string): void {
    const finding = { path: this.where(path), message };
    const key = `${finding.path}\n${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(finding);
  }
}

/** `models.json: [2].contents[5]`, or `models.json` for the document itself. */
export function fileWhere(file: string): (path: FieldPath) => string {
  return (path) => (path.length === 0 ? file : `${file}: ${formatFieldPath(path)}`);
}

/**
 * The context `value` makes active, on top of `parent` (undefined for a top-level element, which
 * must name a DTDL version). Returns undefined, with a problem, when it cannot be read.
 */
export function readContext(
  value: unknown,
  parent: DtdlContext | undefined,
  doc: DtdlDoc,
  path: FieldPath,
): DtdlContext | undefined {
  if (value === undefined) {
    if (parent) return parent;
    doc.problem(
      path,
      'a top-level Interface needs an @context naming the DTDL version: "dtmi:dtdl:context;3"',
    );
    return undefined;
  }
  const entries = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === 'string')) {
    doc.problem(path, `@context must be a DTMI or an array of DTMIs, found ${describeValue(value)}`);
    return undefined;
  }
  let version = parent?.version;
  let semantic = parent?.semantic ?? false;
  let lenient = parent?.lenient ?? false;
  entries.forEach((entry, index) => {
    const at = typeof value === 'string' ? path : [...path, index];
    if (Object.hasOwn(dtdlContexts, entry)) {
      if (index > 0 && parent === undefined) doc.note(at, 'the DTDL context should come first in @context');
      version = dtdlContexts[entry];
    } else if (quantitativeTypesContexts.has(entry)) semantic = true;
    else if (isDtmi(entry) && /;\d+$/.test(entry)) {
      lenient = true;
      doc.note(at, `extension ${quote(entry)} is not known: its co-types and members are let through unread`);
    } else
      doc.problem(at, `${quote(entry)} is not a context: a DTMI with a version, e.g. "dtmi:dtdl:context;3"`);
  });
  if (version === undefined) {
    doc.problem(path, '@context must name a DTDL version: "dtmi:dtdl:context;2", ";3" or ";4"');
    return undefined;
  }
  // DTDL v2 has semantic types without an extension (DTDL.v2.md, "Semantic Type").
  return { version, semantic: semantic || version === 2, lenient };
}

/** A class or term written in its DTMI form, back to the term: `dtmi:dtdl:class:Property;3` → `Property`. */
export function termOf(value: string, category: 'class' | 'property' | 'instance:Schema'): string {
  const match = new RegExp(`^dtmi:dtdl:${category}:([A-Za-z]+);[2-4]$`).exec(value);
  return match?.[1] ?? value;
}

/** The strings of an `@type`, classes in their term form; undefined (and a problem) when malformed. */
export function readTypes(value: unknown, doc: DtdlDoc, path: FieldPath): string[] | undefined {
  const entries = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(entries) ||
    entries.length === 0 ||
    !entries.every((entry) => typeof entry === 'string')
  ) {
    doc.problem(
      path,
      value === undefined
        ? '@type is required'
        : `@type must be a string or an array of strings, found ${describeValue(value)}`,
    );
    return undefined;
  }
  return entries.map((entry) => termOf(entry, 'class'));
}

/** An element's members by term, each with the key it was written under (for paths). */
export class Members {
  private readonly values = new Map<string, { key: string; value: unknown }>();

  /**
   * Reads `object`'s members, reporting keywords DTDL forbids, a member written both ways, and
   * (unless `lenient`) members the element does not have. `allowed` lists the element's terms.
   */
  constructor(
    object: Readonly<Record<string, unknown>>,
    allowed: readonly string[],
    what: string,
    doc: DtdlDoc,
    path: FieldPath,
    lenient: boolean,
  ) {
    for (const key of Object.keys(object)) {
      const term = key.startsWith('dtmi:dtdl:property:') ? termOf(key, 'property') : key;
      if (key.startsWith('@') && !['@context', '@id', '@type'].includes(key)) {
        doc.problem([...path, key], `${key} is not allowed in DTDL; an element has @context, @id and @type`);
        continue;
      }
      if (!allowed.includes(term)) {
        if (!lenient)
          doc.problem(
            [...path, key],
            `unknown member ${quote(key)}; ${what} has: ${allowed.filter((name) => !name.startsWith('@')).join(', ')}`,
          );
        continue;
      }
      if (this.values.has(term)) {
        doc.problem(
          [...path, key],
          `${term} is written twice (as ${quote(this.values.get(term)?.key ?? term)} too)`,
        );
        continue;
      }
      this.values.set(term, { key, value: object[key] });
    }
  }

  get(term: string): unknown {
    return this.values.get(term)?.value;
  }

  has(term: string): boolean {
    return this.values.has(term);
  }

  /** The member's key as written, for a path (`dtmi:dtdl:property:schema;2` stays so). */
  key(term: string): string {
    return this.values.get(term)?.key ?? term;
  }
}

/**
 * A literal as the specification allows it to be written: bare, as `{"@value": x}`, or as an
 * array holding one. Other shapes come back unchanged for the caller to report.
 */
export function literal(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1) return literal(value[0]);
  if (
    isRecord(value) &&
    Object.hasOwn(value, '@value') &&
    Object.keys(value).every((key) => key.startsWith('@'))
  )
    return value['@value'];
  return value;
}

/** A set of elements: one, or an array of them (`contents`, `extends`, `properties`, …). */
export function setOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

const languageTag = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

/**
 * A localizable string (`displayName`, `description`) as one string: the English one, else the
 * first. A plain string, a language map (`{"en": "Room"}`) and the array form are all read.
 */
export function readLocalized(
  value: unknown,
  max: number,
  doc: DtdlDoc,
  path: FieldPath,
): string | undefined {
  if (value === undefined) return undefined;
  const texts = localizedTexts(value);
  if (texts === undefined) {
    doc.problem(
      path,
      `must be a string or a language map such as {"en": "…"}, found ${describeValue(value)}`,
    );
    return undefined;
  }
  for (const [language, text] of texts) {
    if (language !== '' && !languageTag.test(language))
      doc.problem([...path, language], `${quote(language)} is not a language tag`);
    if (text.length > max)
      doc.problem(
        language === '' ? path : [...path, language],
        `is ${text.length} characters long, at most ${max}`,
      );
  }
  const english =
    texts.find(([language]) => language === '' || language === 'en') ??
    texts.find(([language]) => language.startsWith('en-'));
  return (english ?? texts[0])?.[1];
}

/** [language, text] pairs of a localizable string ('' for no language), or undefined when malformed. */
function localizedTexts(value: unknown): Array<[string, string]> | undefined {
  if (typeof value === 'string') return [['', value]];
  if (Array.isArray(value)) {
    const pairs: Array<[string, string]> = [];
    for (const item of value) {
      if (typeof item === 'string') pairs.push(['', item]);
      else if (isRecord(item) && typeof item['@value'] === 'string')
        pairs.push([typeof item['@language'] === 'string' ? item['@language'] : '', item['@value']]);
      else return undefined;
    }
    return pairs;
  }
  if (isRecord(value) && Object.values(value).every((text) => typeof text === 'string'))
    return Object.entries(value) as Array<[string, string]>;
  return undefined;
}
