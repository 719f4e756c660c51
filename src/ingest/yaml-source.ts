import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type LineCounter,
  Parser,
} from 'yaml';
import type { PositionRequest, SourcePosition } from './source-position.js';
import { positionAt } from './source-position.js';

/** A problem found while reading YAML, at an offset into the text. */
export interface YamlProblem {
  offset: number;
  message: string;
}

export type YamlRead =
  | { ok: true; document: Document.Parsed; value: unknown }
  | { ok: false; problems: YamlProblem[] };

/**
 * Far more than an estate needs (a prop value nested a few levels inside an entity is about 8),
 * and far below the depth at which the recursive composer of the yaml library exhausts the
 * stack. That exhaustion is caught inside the library, but in Node 20 the next parse in the
 * same process can then die in a fatal V8 error, so a hostile file must never get that deep.
 */
export const maxYamlNesting = 64;

/**
 * What `parseDocument` does — the library's Parser then Composer, with a LineCounter — plus a
 * nesting check between the two (the Parser keeps an explicit stack; only the Composer recurses),
 * and with one document only. Errors and warnings (an unknown tag, say) are both problems: an
 * estate file is a source of truth and should mean exactly what it says.
 */
export function readYaml(text: string, lines: LineCounter): YamlRead {
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const deep = deepNesting(tokens, maxYamlNesting);
  if (deep !== undefined) {
    return {
      ok: false,
      problems: [
        {
          offset: deep,
          message: `nested more than ${maxYamlNesting} levels deep; an estate file needs a handful of levels`,
        },
      ],
    };
  }
  let document: Document.Parsed | undefined;
  const problems: YamlProblem[] = [];
  // logLevel 'error': what the library would print as a process warning (a map key that is a
  // collection, stringified) must not reach a server's stderr; validation reports what matters.
  const composer = new Composer({ logLevel: 'error' });
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!document) {
      document = next;
      continue;
    }
    problems.push({
      offset: next.range[0],
      message: 'a second YAML document (after ---): an estate file holds one; split the file in two',
    });
    break;
  }
  if (!document) return { ok: false, problems: [{ offset: 0, message: 'no YAML document' }] };
  for (const error of [...document.errors, ...document.warnings]) {
    problems.push({ offset: error.pos[0], message: error.message });
  }
  if (problems.length > 0) return { ok: false, problems };
  try {
    // Aliases stay shared objects (no copies), and the library's default alias limit refuses
    // the "billion laughs" expansion; a cycle (an alias inside its own anchor) is caught by
    // the estate reader, which walks props without recursing.
    return { ok: true, document, value: document.toJS() as unknown };
  } catch (error) {
    return { ok: false, problems: [{ offset: 0, message: (error as Error).message }] };
  }
}

/** The offset of the first collection nested deeper than `limit`, walking the CST iteratively. */
function deepNesting(tokens: readonly CST.Token[], limit: number): number | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { token, depth } = frame;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= limit) return token.offset;
      for (const item of token.items) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * The positions of `requests` in a parsed document. A path that does not exist (a missing
 * field) resolves to its deepest existing ancestor; a path through an alias continues in the
 * anchored node, where the offending value is written.
 */
export function locateInYaml(
  document: Document.Parsed,
  requests: readonly PositionRequest[],
  lines: LineCounter,
): SourcePosition[] {
  return requests.map((request) => positionAt(lines, offsetOf(document, request)));
}

function offsetOf(document: Document.Parsed, request: PositionRequest): number {
  let node: unknown = document.contents;
  let offset = startOf(node) ?? 0;
  const { path } = request;
  for (let depth = 0; depth < path.length; depth++) {
    const part = path[depth];
    if (isAlias(node)) node = node.resolve(document);
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(part));
      if (!pair) break;
      keyOffset = startOf(pair.key);
      if (request.onKey && depth === path.length - 1 && keyOffset !== undefined) return keyOffset;
      next = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      next = node.items[part];
    } else {
      break;
    }
    const start = startOf(next) ?? keyOffset;
    if (start === undefined) break;
    offset = start;
    node = next;
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

/** A map key as toJS turns it into an object key (scalars only: other keys are never paths). */
function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}
