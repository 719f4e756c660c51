/**
 * A topic pattern is an MQTT filter whose single-level wildcards may carry names: `{site}/+/#`.
 * Matching follows MQTT 3.1.1 §4.7 (and MQTT 5 §4.7): `+` and a capture match exactly one level,
 * which may be empty; `#` matches the rest, including nothing (`a/#` matches `a`); a filter that
 * starts with a wildcard never matches a topic that starts with `$` (broker-internal topics).
 */
export type TopicLevel =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'capture'; readonly name: string }
  | { readonly kind: 'single' }
  | { readonly kind: 'multi' };

export type TopicCaptures = Record<string, string>;

const captureLevel = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Why a pattern is not a valid filter. */
export type PatternProblem = { message: string };

/** The levels of `pattern`, or the first reason it is not a valid pattern. */
export function parseTopicPattern(pattern: string): TopicLevel[] | PatternProblem {
  if (pattern === '') return { message: 'is empty' };
  if (pattern.includes('\u0000')) return { message: 'contains a NUL character, which MQTT forbids' };
  const parts = pattern.split('/');
  const levels: TopicLevel[] = [];
  const names = new Set<string>();
  for (const [index, part] of parts.entries()) {
    const level = parseLevel(part, index === parts.length - 1);
    if ('message' in level) return { message: `level ${index + 1} '${part}' ${level.message}` };
    if (level.kind === 'capture') {
      if (names.has(level.name)) return { message: `captures {${level.name}} twice` };
      names.add(level.name);
    }
    levels.push(level);
  }
  return levels;
}

function parseLevel(part: string, last: boolean): TopicLevel | PatternProblem {
  if (part === '+') return { kind: 'single' };
  if (part === '#')
    return last ? { kind: 'multi' } : { message: 'is #, which is allowed only as the last level' };
  const capture = captureLevel.exec(part);
  if (capture) return { kind: 'capture', name: capture[1] as string };
  if (part.includes('{') || part.includes('}')) {
    return { message: 'must be a whole-level capture like {room} (a name of letters, digits and _)' };
  }
  if (part.includes('+') || part.includes('#')) {
    return { message: 'mixes a wildcard with text; + and # must stand alone in a level' };
  }
  return { kind: 'literal', text: part };
}

/** The plain MQTT filter to subscribe with: every capture becomes `+`. */
export function subscriptionFilter(levels: readonly TopicLevel[]): string {
  return levels.map(levelFilterText).join('/');
}

function levelFilterText(level: TopicLevel): string {
  switch (level.kind) {
    case 'literal':
      return level.text;
    case 'multi':
      return '#';
    default:
      return '+';
  }
}

/** The named captures when `topic` matches, undefined when it does not. */
export function matchLevels(levels: readonly TopicLevel[], topic: string): TopicCaptures | undefined {
  if (!isTopicName(topic)) return undefined;
  const parts = topic.split('/');
  const first = levels[0];
  if (topic.startsWith('$') && first !== undefined && first.kind !== 'literal') return undefined;
  const captures: TopicCaptures = {};
  for (const [index, level] of levels.entries()) {
    if (level.kind === 'multi') return captures;
    const part = parts[index];
    if (part === undefined) return undefined;
    if (level.kind === 'literal' && level.text !== part) return undefined;
    if (level.kind === 'capture') captures[level.name] = part;
  }
  return parts.length === levels.length ? captures : undefined;
}

/** A topic a message can be published to: non-empty, without wildcards or NUL. */
export function isTopicName(topic: string): boolean {
  return topic !== '' && !topic.includes('+') && !topic.includes('#') && !topic.includes('\u0000');
}

/**
 * Whether every topic that `inner` matches is also matched by `outer`. Subscribing to both would
 * make some brokers (MQTT 5 sessions on Mosquitto, for one) deliver a message twice.
 */
export function filterCovers(outer: readonly TopicLevel[], inner: readonly TopicLevel[]): boolean {
  const outerFirst = outer[0];
  const innerFirst = inner[0];
  // `#` matches `$SYS/x` only when spelled out: a literal-first inner may reach `$` topics.
  if (outerFirst?.kind !== 'literal' && innerFirst?.kind === 'literal' && innerFirst.text.startsWith('$')) {
    return false;
  }
  for (const [index, level] of outer.entries()) {
    if (level.kind === 'multi') return true;
    const other = inner[index];
    if (other === undefined || other.kind === 'multi') return false;
    if (level.kind === 'literal' && (other.kind !== 'literal' || other.text !== level.text)) return false;
  }
  return outer.length === inner.length;
}
