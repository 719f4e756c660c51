import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TextPosition } from './nmap-parse-error.js';

/** An element as fast-xml-parser gives it: attributes under `@_name`, children by tag name. */
export type XmlElement = { readonly [key: string]: unknown };

export interface XmlRoot {
  name: string;
  /** Undefined for an empty element without attributes (`<nmaprun/>`). */
  element: XmlElement | undefined;
  line: number;
}

export interface XmlDocument {
  roots: XmlRoot[];
  /** Where an element starts in the text, when the parser recorded it. */
  positionOf(element: XmlElement): TextPosition | undefined;
}

export interface XmlSyntaxProblem extends TextPosition {
  message: string;
}

const attributePrefix = '@_';
// The parser's metadata key is a symbol; its declared type (`Symbol`) cannot index an object.
const metaDataKey = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Why `text` is not well-formed XML, with where; undefined when it is. */
export function findXmlSyntaxProblem(text: string): XmlSyntaxProblem | undefined {
  const result = XMLValidator.validate(text);
  if (result === true) return undefined;
  const { msg, line, col } = result.err;
  // The validator leaves the column out for some errors (an empty document).
  return Number.isInteger(col) ? { message: msg, line, column: col } : { message: msg, line };
}

/**
 * Parses well-formed XML (check with findXmlSyntaxProblem first). Values stay text, untrimmed:
 * `1.10` is a version, not the number 1.1. Elements named in `listElements` are always arrays, so
 * one `<port>` reads the same as two.
 */
export function parseXmlDocument(text: string, listElements: ReadonlySet<string>): XmlDocument {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: attributePrefix,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // Decodes numeric references too (Nmap writes `--` as `-&#45;`); the HTML names it also
    // decodes (`&nbsp;`) never occur in Nmap output.
    htmlEntities: true,
    captureMetaData: true,
    isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && listElements.has(name),
  });
  const parsed = parser.parse(text) as XmlElement;
  const lines = new LineIndex(text);
  const positionOf = (element: XmlElement): TextPosition | undefined => {
    const metaData = (element as Record<symbol, { startIndex?: number } | undefined>)[metaDataKey];
    const start = metaData?.startIndex;
    return start === undefined ? undefined : { line: lines.lineAt(start) };
  };
  return { roots: rootsOf(parsed, text, lines, positionOf), positionOf };
}

function rootsOf(
  parsed: XmlElement,
  text: string,
  lines: LineIndex,
  positionOf: (element: XmlElement) => TextPosition | undefined,
): XmlRoot[] {
  const roots: XmlRoot[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    // Processing instructions (`?xml`, `?xml-stylesheet`) and whitespace between them are no roots.
    if (name.startsWith('?') || name === '#text') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const element = isElement(item) ? item : undefined;
      const line =
        (element && positionOf(element)?.line) ?? lines.lineAt(Math.max(0, text.indexOf(`<${name}`)));
      roots.push({ name, element, line });
    }
  }
  return roots;
}

export function attribute(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.[attributePrefix + name];
  return typeof value === 'string' ? value : undefined;
}

/** The first child element of that name that has attributes or children. */
export function childElement(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

/** Child elements of that name that have attributes or children; empty ones carry nothing to read. */
export function childElements(element: XmlElement | undefined, name: string): XmlElement[] {
  return asList(element?.[name]).filter(isElement);
}

/** The text content of each child element of that name. */
export function childTexts(element: XmlElement | undefined, name: string): string[] {
  return asList(element?.[name]).flatMap((item) => {
    if (typeof item === 'string') return [item];
    const text = isElement(item) ? item['#text'] : undefined;
    return typeof text === 'string' ? [text] : [];
  });
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line numbers from character offsets, by binary search over where lines start. */
class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
      this.#starts.push(index + 1);
    }
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}
