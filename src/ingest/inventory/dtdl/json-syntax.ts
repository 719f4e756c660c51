// Where JSON text stops being JSON. JSON.parse says so only sometimes (V8 writes "at position N"
// for some errors and not for others, and the wording changes between Node versions), so a file
// refused for its syntax is scanned again to name the line and column. The scanner keeps its own
// stack of open containers rather than recursing: a hostile file may nest deeper than the call
// stack does.

/** The line and column (1-based) of the first syntax error in `text`, or undefined if there is none. */
export function jsonSyntaxError(text: string): { line: number; column: number } | undefined {
  const offset = errorOffset(text);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after-value';

function errorOffset(text: string): number | undefined {
  const stack: Array<'{' | '['> = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length) return stack.length === 0 && expect === 'after-value' ? undefined : i;
    const c = text.charAt(i);
    if (expect === 'value' || expect === 'first-value') {
      if (expect === 'first-value' && c === ']') {
        stack.pop();
        i++;
        expect = 'after-value';
      } else if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        expect = c === '{' ? 'first-key' : 'first-value';
      } else {
        const end = scalarEnd(text, i);
        if (end === undefined) return i;
        i = end;
        expect = 'after-value';
      }
    } else if (expect === 'key' || expect === 'first-key') {
      if (expect === 'first-key' && c === '}') {
        stack.pop();
        i++;
        expect = 'after-value';
      } else {
        const end = c === '"' ? stringEnd(text, i) : undefined;
        if (end === undefined) return i;
        i = end;
        expect = 'colon';
      }
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i;
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if ((top === '{' && c === '}') || (top === '[' && c === ']')) stack.pop();
      else return i;
      i++;
    }
  }
}

const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The offset after the string, number or literal at `start`, or undefined when there is none. */
function scalarEnd(text: string, start: number): number | undefined {
  if (text.charAt(start) === '"') return stringEnd(text, start);
  for (const literal of ['true', 'false', 'null'])
    if (text.startsWith(literal, start)) return start + literal.length;
  number.lastIndex = start;
  return number.test(text) ? number.lastIndex : undefined;
}

function stringEnd(text: string, start: number): number | undefined {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') return i + 1;
    if (c < ' ') return undefined;
    if (c === '\\') {
      const escaped = text.charAt(i + 1);
      if (escaped === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return undefined;
        i += 5;
      } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') i++;
      else return undefined;
    }
  }
  return undefined;
}
