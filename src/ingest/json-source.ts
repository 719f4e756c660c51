import type { LineCounter } from 'yaml';
import { type PositionRequest, positionAt, type SourcePosition } from './source-position.js';

/**
 * JSON estates are read with JSON.parse, which is about a hundred times faster than the YAML
 * parser on large files but keeps no positions. The two scanners here recover positions only
 * when there is something to report: the offset of a syntax error, and the places of the fields
 * that validation found wrong. Both run in time linear in the text and never recurse deeper
 * than the paths asked for, so a hostile nesting depth cannot overflow the stack.
 */

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const hexDigits = /^[0-9a-fA-F]{4}$/;

/**
 * The first syntax error of `text` as JSON, with its offset, or undefined when JSON.parse would
 * accept it. V8's own messages carry no offset for some errors ("Unexpected token"), hence this.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  // One entry per open container: true for an object, false for an array. An explicit stack,
  // not recursion, so `[[[[…` a million deep is just a long array.
  const open: boolean[] = [];
  const found = (what: string): string =>
    i >= text.length
      ? `${what}, found the end of the file`
      : `${what}, found ${quoteChar(text[i] as string)}`;
  const skipSpace = (): void => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  };
  const readString = (): JsonSyntaxError | undefined => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) return { offset: start, message: 'a string is not closed: add the missing "' };
      const code = text.charCodeAt(i);
      if (code === quote) {
        i++;
        return undefined;
      }
      if (code < 0x20) {
        return {
          offset: i,
          message: 'a control character (such as a line break) inside a string; write it escaped, e.g. \\n',
        };
      }
      if (code === backslash) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!hexDigits.test(text.slice(i + 2, i + 6)))
            return { offset: i, message: '\\u must be followed by four hex digits' };
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          return {
            offset: i,
            message: `invalid escape \\${next ?? ''} (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)`,
          };
        }
        continue;
      }
      i++;
    }
  };
  let expectValue = true;
  for (;;) {
    skipSpace();
    if (expectValue) {
      const code = text.charCodeAt(i);
      if (code === openBrace || code === openBracket) {
        i++;
        skipSpace();
        const empty = text.charCodeAt(i) === (code === openBrace ? closeBrace : closeBracket);
        if (empty) {
          i++;
          expectValue = false;
          continue;
        }
        open.push(code === openBrace);
        if (code === openBrace) {
          const error = readKey();
          if (error) return error;
        }
        continue;
      }
      if (code === quote) {
        const error = readString();
        if (error) return error;
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
      } else if (text.startsWith('false', i)) {
        i += 5;
      } else {
        numberPattern.lastIndex = i;
        if (!numberPattern.test(text)) return { offset: i, message: found('expected a value') };
        i = numberPattern.lastIndex;
      }
      expectValue = false;
      continue;
    }
    const inObject = open.at(-1);
    if (inObject === undefined) {
      return i < text.length ? { offset: i, message: found('expected the end of the file') } : undefined;
    }
    const code = text.charCodeAt(i);
    if (code === comma) {
      i++;
      if (inObject) {
        const error = readKey();
        if (error) return error;
      } else {
        expectValue = true;
      }
      continue;
    }
    if (code === (inObject ? closeBrace : closeBracket)) {
      i++;
      open.pop();
      continue;
    }
    return {
      offset: i,
      message: found(
        inObject ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an item",
      ),
    };
  }

  function readKey(): JsonSyntaxError | undefined {
    skipSpace();
    if (text.charCodeAt(i) !== quote)
      return { offset: i, message: found('expected a property name in double quotes') };
    const error = readString();
    if (error) return error;
    skipSpace();
    if (text.charCodeAt(i) !== colon)
      return { offset: i, message: found("expected ':' after the property name") };
    i++;
    expectValue = true;
    return undefined;
  }
}

function quoteChar(char: string): string {
  return char === "'" ? `"'"` : `'${char}'`;
}

/**
 * The positions of `requests` in `text`, which must be valid JSON. A path that does not exist
 * (a missing field) resolves to its deepest existing ancestor, so the report points at the map
 * that lacks the field. With repeated keys the last one counts, as it does for JSON.parse.
 */
export function locateInJson(
  text: string,
  requests: readonly PositionRequest[],
  lines: LineCounter,
): SourcePosition[] {
  const wanted = new Set<string>();
  const chains = requests.map((request) => {
    let key = '';
    const chain = [key];
    for (const part of request.path) {
      key += pathSegment(part);
      chain.push(key);
    }
    for (const prefix of chain) wanted.add(prefix);
    return chain;
  });
  const valueAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  const walker = new JsonWalker(text, wanted, valueAt, keyAt);
  walker.skipSpace();
  walker.walk('');
  return requests.map((request, index) => {
    const chain = chains[index] as string[];
    for (let depth = chain.length - 1; depth >= 0; depth--) {
      const key = chain[depth] as string;
      const onKey = request.onKey === true && depth === chain.length - 1;
      const offset = (onKey ? keyAt.get(key) : undefined) ?? valueAt.get(key);
      if (offset !== undefined) return positionAt(lines, offset);
    }
    return { line: 1, column: 1 };
  });
}

/** Path keys for map lookups; the two prefixes keep index 0 apart from a key named "0". */
function pathSegment(part: string | number): string {
  return typeof part === 'number' ? `\u0000${part}` : `\u0001${part}`;
}

const structural = /["[\]{}]/g;

/** Walks valid JSON, descending only into values on a wanted path and skipping the rest fast. */
class JsonWalker {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly wanted: ReadonlySet<string>,
    private readonly valueAt: Map<string, number>,
    private readonly keyAt: Map<string, number>,
  ) {}

  skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.index))) this.index++;
  }

  walk(path: string): void {
    const { text } = this;
    this.valueAt.set(path, this.index);
    const code = text.charCodeAt(this.index);
    if (code !== openBrace && code !== openBracket) {
      this.skipValue();
      return;
    }
    const close = code === openBrace ? closeBrace : closeBracket;
    this.index++;
    this.skipSpace();
    if (text.charCodeAt(this.index) === close) {
      this.index++;
      return;
    }
    for (let item = 0; ; item++) {
      this.skipSpace();
      let child: string;
      if (code === openBrace) {
        const keyStart = this.index;
        const keyEnd = this.endOfString(keyStart);
        const raw = text.slice(keyStart + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
        child = path + pathSegment(key);
        if (this.wanted.has(child)) this.keyAt.set(child, keyStart);
        this.index = keyEnd;
        this.skipSpace();
        this.index++; // the colon
        this.skipSpace();
      } else {
        child = path + pathSegment(item);
      }
      if (this.wanted.has(child)) this.walk(child);
      else this.skipValue();
      this.skipSpace();
      const next = text.charCodeAt(this.index);
      this.index++;
      if (next !== comma) return;
    }
  }

  /** The index just past the string that starts (with its quote) at `start`. */
  private endOfString(start: number): number {
    const { text } = this;
    let from = start + 1;
    for (;;) {
      const end = text.indexOf('"', from);
      if (end === -1) return text.length;
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === backslash) backslashes++;
      if (backslashes % 2 === 0) return end + 1;
      from = end + 1;
    }
  }

  private skipValue(): void {
    const { text } = this;
    const code = text.charCodeAt(this.index);
    if (code === quote) {
      this.index = this.endOfString(this.index);
      return;
    }
    if (code === openBrace || code === openBracket) {
      let depth = 0;
      structural.lastIndex = this.index;
      for (let match = structural.exec(text); match; match = structural.exec(text)) {
        const char = match[0];
        if (char === '"') {
          structural.lastIndex = this.endOfString(match.index);
        } else if (char === '{' || char === '[') {
          depth++;
        } else if (--depth === 0) {
          this.index = match.index + 1;
          return;
        }
      }
      this.index = text.length;
      return;
    }
    while (this.index < text.length) {
      const next = text.charCodeAt(this.index);
      if (next === comma || next === closeBrace || next === closeBracket || isSpace(next)) return;
      this.index++;
    }
  }
}
