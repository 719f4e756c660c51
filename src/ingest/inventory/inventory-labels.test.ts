import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, parseLabelSelector, Twin } from '../../model/index.js';
import {
  defaultLabelKeyLength,
  isTwinLabelKey,
  type LabelRefusal,
  labelKey,
  labelValue,
  maxLabelKeyLength,
  sourceLabels,
} from './inventory-labels.js';

/** Whether the twin itself takes these labels: an entity carrying them is applied to a real twin. */
async function twinTakes(labels: Record<string, string>): Promise<void> {
  const twin = await Twin.open({ store: new MemoryTwinStore() });
  await twin.apply({
    actor: 'test',
    reason: 'labels',
    source: 'test',
    ops: [{ op: 'upsert-entity', entity: { id: 'host:h', kind: 'host', labels } }],
  });
  expect(twin.live.entity('host:h')?.labels).toEqual(labels);
  await twin.close();
}

/** `make` gives each text's expected output. */
function expectMade(make: (text: string) => string | undefined, made: Array<[string, string | undefined]>) {
  expect(made.map(([text]) => make(text))).toEqual(made.map(([, output]) => output));
}

// Keys the twin accepts, prefixed or not, and any text: tag keys are free text, with spaces,
// colons, slashes, upper-case prefixes, non-ASCII letters and leading or trailing junk.
const twinKey = fc
  .stringMatching(/^([a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,40}[A-Za-z0-9])?$/)
  .filter(isTwinLabelKey);
const keyish = fc.string({
  unit: fc.constantFrom(...'aZ09-_./: \t@Ü'.split('')),
  maxLength: 80,
});
const anyText = fc.oneof(twinKey, keyish, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string());
const maxLength = fc.oneof(
  fc.constant(defaultLabelKeyLength),
  fc.constant(253),
  fc.constant(maxLabelKeyLength),
  fc.integer({ min: 1, max: maxLabelKeyLength }),
);

describe('labelKey', () => {
  it('makes keys the twin accepts from any text, within maxLength, and leaves them be', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { maxLength: 8 }), maxLength, async (texts, max) => {
        const labels: Record<string, string> = {};
        for (const text of texts) {
          const key = labelKey(text, { maxLength: max });
          if (key === undefined) continue;
          expect(isTwinLabelKey(key)).toBe(true);
          expect(key.length).toBeLessThanOrEqual(max);
          expect(labelKey(key, { maxLength: max })).toBe(key);
          labels[key] = text;
        }
        await twinTakes(labels);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every key the twin accepts as it is, prefix and runs of - included', () => {
    fc.assert(
      fc.property(twinKey, maxLength, (key, max) => {
        if (key.length <= max) expect(labelKey(key, { maxLength: max })).toBe(key);
      }),
      { numRuns: 500 },
    );
    for (const key of ['example.com/team', 'app.kubernetes.io/name', 'a--b', 'Cost_Center.2'])
      expect(labelKey(key)).toBe(key);
  });

  it('turns what a key cannot hold into -, trims the ends and cuts to maxLength', () => {
    expectMade(labelKey, [
      ['tag-my tag_', 'tag-my-tag'],
      ['Cost Center', 'Cost-Center'],
      ['aws:cloudformation:stack-name', 'aws-cloudformation-stack-name'],
      // Not a prefix the twin takes (upper case, or two slashes): the slashes go too.
      ['Example.com/team', 'Example.com-team'],
      ['kubernetes.io/cluster/prod', 'kubernetes.io-cluster-prod'],
      ['  --x--  ', 'x'],
      ['***', undefined],
      ['', undefined],
      ['a'.repeat(70), 'a'.repeat(63)],
      [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
    ]);
    expect(labelKey('a'.repeat(300), { maxLength: 253 })).toHaveLength(253);
    expect(() => labelKey('x', { maxLength: 318 })).toThrow(RangeError);
  });
});

describe('labelValue', () => {
  const selectable = (value: string) => {
    expect(() => parseLabelSelector(`k=${value}`)).not.toThrow();
    expect(value.length).toBeLessThanOrEqual(63);
  };

  it('makes values a selector can name from any text, and leaves those be', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const value = labelValue(text);
        if (value === undefined) return;
        selectable(value);
        expect(labelValue(value)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('slugs names and cuts long ones', () => {
    expectMade(labelValue, [
      ['Equinix FR5', 'Equinix-FR5'],
      ['  --x--  ', 'x'],
      ['2001:db8::1', '2001:db8::1'],
      ['dc1/a/r01', 'dc1/a/r01'],
      ['!!!', undefined],
    ]);
    expect(labelValue('a'.repeat(70))).toBe('a'.repeat(63));
  });
});

describe('sourceLabels', () => {
  const collect = (source: Record<string, string>, keys: 'keep' | 'sanitise', maxKeyLength?: number) => {
    const problems: Array<{ path: string; key: string; refusal: LabelRefusal }> = [];
    const labels = sourceLabels(source, {
      keys,
      ...(maxKeyLength === undefined ? {} : { maxKeyLength }),
      path: 'items[0].labels',
      report: (path, key, refusal) => problems.push({ path, key, refusal }),
    });
    return { labels, problems };
  };

  it('keeps the keys the twin accepts and reports the others at their paths', () => {
    const { labels, problems } = collect(
      { 'app.kubernetes.io/name': 'web', 'Bad Key': 'x', tier: 'db', 'UPPER.example.com/x': 'y' },
      'keep',
    );
    expect(labels).toEqual({ 'app.kubernetes.io/name': 'web', tier: 'db' });
    expect(problems).toEqual([
      { path: 'items[0].labels["Bad Key"]', key: 'Bad Key', refusal: { reason: 'refused' } },
      {
        path: 'items[0].labels["UPPER.example.com/x"]',
        key: 'UPPER.example.com/x',
        refusal: { reason: 'refused' },
      },
    ]);
  });

  it('sanitises keys; a key the twin accepts keeps its label, else the first in key order', () => {
    const { labels, problems } = collect(
      { 'a b': '1', 'a-b': '2', 'a:b': '3', 'c d': '4', 'c:d': '5', '***': '6' },
      'sanitise',
    );
    expect(labels).toEqual({ 'a-b': '2', 'c-d': '4' });
    expect(problems).toEqual([
      { path: 'items[0].labels["***"]', key: '***', refusal: { reason: 'refused' } },
      {
        path: 'items[0].labels["a b"]',
        key: 'a b',
        refusal: { reason: 'collides', label: 'a-b', holder: 'a-b' },
      },
      {
        path: 'items[0].labels["a:b"]',
        key: 'a:b',
        refusal: { reason: 'collides', label: 'a-b', holder: 'a-b' },
      },
      {
        path: 'items[0].labels["c:d"]',
        key: 'c:d',
        refusal: { reason: 'collides', label: 'c-d', holder: 'c d' },
      },
    ]);
  });

  it('writes labels the twin takes, every accepted key unchanged with its value, every key accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(anyText, fc.string({ maxLength: 20 }), { maxKeys: 8 }),
        fc.constantFrom<'keep' | 'sanitise'>('keep', 'sanitise'),
        fc.option(maxLength, { nil: undefined }),
        async (source, keys, max) => {
          const { labels, problems } = collect(source, keys, max);
          const limit = keys === 'keep' ? maxLabelKeyLength : (max ?? defaultLabelKeyLength);
          for (const key of Object.keys(source)) {
            if (isTwinLabelKey(key) && key.length <= limit) expect(labels[key]).toBe(source[key]);
          }
          expect(Object.keys(labels).length + problems.length).toBe(Object.keys(source).length);
          await twinTakes(labels);
        },
      ),
      { numRuns: 100 },
    );
  });
});
