import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../model/index.js';
import {
  type CompiledTopicRule,
  compileTopicRule,
  compileTopicRules,
  type MqttTopicRule,
  matchTopic,
  subscriptionFilters,
} from './index.js';
import { filterCovers, parseTopicPattern, type TopicLevel } from './topic-pattern.js';

const base = { entity: 'rack:r1', metric: 'm' };

function rule(topic: string, extra: Partial<MqttTopicRule> = {}): CompiledTopicRule {
  return compileTopicRule({ ...base, topic, ...extra });
}

function issuesOf(compile: () => unknown): InputIssue[] {
  try {
    compile();
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error('expected an InputError');
}

/**
 * MQTT 3.1.1 §4.7 written a second, independent way: the filter becomes a regular expression.
 * `+` is one level (possibly empty), a trailing `/#` also matches the parent, a lone `#`
 * matches everything, and wildcard-first filters skip `$` topics.
 */
function referenceMatches(filter: string, topic: string): boolean {
  if (topic === '' || /[+#]/.test(topic)) return false;
  if (topic.startsWith('$') && /^[+#]/.test(filter)) return false;
  if (filter === '#') return true;
  const quote = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const multi = filter.endsWith('/#');
  const levels = (multi ? filter.slice(0, -2) : filter).split('/');
  const body = levels.map((level) => (level === '+' ? '[^/]*' : quote(level))).join('/');
  return new RegExp(`^${body}${multi ? '(?:/.*)?' : ''}$`, 's').test(topic);
}

const topicLevel = fc.constantFrom('a', 'b', '', 'a b', '$SYS', 'é');
const topicArb = fc.array(topicLevel, { minLength: 1, maxLength: 5 }).map((levels) => levels.join('/'));
const filterLevel = fc.constantFrom('a', 'b', '', '$SYS', '+', '{capture}');
const patternArb = fc
  .tuple(fc.array(filterLevel, { minLength: 0, maxLength: 5 }), fc.boolean())
  .filter(([levels, multi]) => levels.length > 0 || multi)
  .map(([levels, multi]) => {
    let n = 0;
    const named = levels.map((level) => (level === '{capture}' ? `{c${n++}}` : level));
    return [...named, ...(multi ? ['#'] : [])].join('/');
  })
  .filter((pattern) => pattern !== '');

function levelsOf(pattern: string): TopicLevel[] {
  const levels = parseTopicPattern(pattern);
  if ('message' in levels) throw new Error(levels.message);
  return levels;
}

describe('matchTopic', () => {
  it('captures named levels', () => {
    const compiled = rule('{site}/{room}/{rack}/{metric}', { entity: 'rack:{site}/{room}/{rack}' });
    expect(compiled.filter).toBe('+/+/+/+');
    expect(matchTopic(compiled, 'dc1/room-a/rack-12/inlet_temp')).toEqual({
      site: 'dc1',
      room: 'room-a',
      rack: 'rack-12',
      metric: 'inlet_temp',
    });
    expect(matchTopic(compiled, 'dc1/room-a/rack-12')).toBeUndefined();
    expect(matchTopic(compiled, 'dc1/room-a/rack-12/inlet_temp/x')).toBeUndefined();
  });

  it('follows MQTT for #, empty levels and $ topics', () => {
    expect(matchTopic(rule('sport/#'), 'sport')).toEqual({});
    expect(matchTopic(rule('sport/#'), 'sport/tennis/player1')).toEqual({});
    expect(matchTopic(rule('sport/+'), 'sport/')).toEqual({});
    expect(matchTopic(rule('sport/+'), 'sport')).toBeUndefined();
    expect(matchTopic(rule('{a}/x'), '/x')).toEqual({ a: '' });
    expect(matchTopic(rule('#'), '$SYS/broker/uptime')).toBeUndefined();
    expect(matchTopic(rule('{a}/broker/uptime'), '$SYS/broker/uptime')).toBeUndefined();
    expect(matchTopic(rule('$SYS/#'), '$SYS/broker/uptime')).toEqual({});
  });

  it('never matches a topic name that holds wildcards', () => {
    expect(matchTopic(rule('#'), 'a/+')).toBeUndefined();
    expect(matchTopic(rule('#'), '')).toBeUndefined();
  });

  it('agrees with a reference implementation of MQTT filters', () => {
    fc.assert(
      fc.property(patternArb, topicArb, (pattern, topic) => {
        const compiled = rule(pattern);
        expect(matchTopic(compiled, topic) !== undefined).toBe(referenceMatches(compiled.filter, topic));
      }),
      { numRuns: 5000 },
    );
  });

  it('captures exactly the topic level at each capture position', () => {
    fc.assert(
      fc.property(patternArb, topicArb, (pattern, topic) => {
        const captures = matchTopic(rule(pattern), topic);
        if (captures === undefined) return;
        const levels = topic.split('/');
        pattern.split('/').forEach((level, index) => {
          const name = /^\{(\w+)\}$/.exec(level)?.[1];
          if (name) expect(captures[name]).toBe(levels[index]);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('filterCovers', () => {
  it('is sound: a covered filter matches no topic the covering one misses', () => {
    fc.assert(
      fc.property(patternArb, patternArb, fc.array(topicArb, { maxLength: 30 }), (outer, inner, topics) => {
        const outerLevels = levelsOf(outer);
        const innerLevels = levelsOf(inner);
        fc.pre(filterCovers(outerLevels, innerLevels));
        for (const topic of [...topics, inner.replace(/\{c\d+\}|\+/g, 'a').replace(/#$/, 'b')]) {
          if (referenceMatches(rule(inner).filter, topic)) {
            expect(referenceMatches(rule(outer).filter, topic)).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('recognises the plain cases', () => {
    expect(filterCovers(levelsOf('a/#'), levelsOf('a'))).toBe(true);
    expect(filterCovers(levelsOf('a/#'), levelsOf('a/+/b'))).toBe(true);
    expect(filterCovers(levelsOf('+/b'), levelsOf('a/b'))).toBe(true);
    expect(filterCovers(levelsOf('a/+'), levelsOf('a/#'))).toBe(false);
    expect(filterCovers(levelsOf('#'), levelsOf('$SYS/x'))).toBe(false);
  });
});

describe('subscriptionFilters', () => {
  it('subscribes once per distinct topic set', () => {
    const rules = ['x/{a}/t', 'x/+/t', 'x/#', 'y/{b}', 'y/{c}'].map((topic) => rule(topic));
    expect(subscriptionFilters(rules)).toEqual(['x/#', 'y/+']);
  });
});

describe('compileTopicRule', () => {
  it.each([
    ['topic', 'dc1/rack-{n}/x', /whole-level capture/],
    ['topic', 'dc1/#/x', /only as the last level/],
    ['topic', 'dc1/a+/x', /must stand alone/],
    ['topic', '{a}/{a}', /twice/],
    ['topic', '{field}/x', /reserved/],
    ['topic', '{__x}/x', /reserved/],
    ['topic', '', /empty/],
  ])('rejects %s %j', (field, topic, message) => {
    const [issue] = issuesOf(() => compileTopicRule({ ...base, topic }));
    expect(issue?.field).toBe(field);
    expect(issue?.message).toMatch(message);
  });

  it('rejects templates that refer to unknown captures, naming the known ones', () => {
    const [entity] = issuesOf(() =>
      compileTopicRule({ topic: '{site}/{rack}', entity: 'rack:{room}', metric: 'm' }),
    );
    expect(entity).toMatchObject({
      field: 'entity',
      message: expect.stringMatching(/\{room\}.*\{site\}, \{rack\}/),
    });
    const [field] = issuesOf(() =>
      compileTopicRule({ topic: '{site}', entity: 'rack:{field}', metric: 'm' }),
    );
    expect(field?.field).toBe('entity');
    const [brace] = issuesOf(() => compileTopicRule({ topic: '{site}', entity: 'rack:{site', metric: 'm' }));
    expect(brace).toMatchObject({ field: 'entity', message: expect.stringMatching(/stray brace/) });
  });

  it('rejects bad paths and labels', () => {
    expect(issuesOf(() => compileTopicRule({ ...base, topic: 'a', valuePath: 'a..b' }))[0]?.field).toBe(
      'valuePath',
    );
    expect(issuesOf(() => compileTopicRule({ ...base, topic: 'a', timestampPath: '' }))[0]?.field).toBe(
      'timestampPath',
    );
    const labels = issuesOf(() =>
      compileTopicRule({ ...base, topic: '{site}', labels: { site: 'x', __entity: 'y', topic: 'z' } }),
    );
    expect(labels.map((issue) => issue.field)).toEqual(['labels.site', 'labels.__entity', 'labels.topic']);
    const fromJson = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    expect(issuesOf(() => compileTopicRule({ ...base, topic: 'a', labels: fromJson }))[0]?.field).toBe(
      'labels.__proto__',
    );
  });

  it('locates problems in a list of rules', () => {
    const issues = issuesOf(() =>
      compileTopicRules([
        { ...base, topic: 'ok/{a}' },
        { ...base, topic: 'x', metric: '{nope}' },
      ]),
    );
    expect(issues.map((issue) => issue.field)).toEqual(['rules[1].metric']);
  });

  it('reads {field} as per-field and defaults the value path accordingly', () => {
    expect(rule('a/{s}', { metric: 'env_{field}' })).toMatchObject({ perField: true, valuePath: [] });
    expect(rule('a/{s}', { metric: '{s}' })).toMatchObject({ perField: false, valuePath: ['value'] });
  });
});
