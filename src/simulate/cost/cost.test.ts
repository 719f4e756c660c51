import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { diffCosts } from './cost-diff.js';
import { monthlyCost, monthlyGigabytes } from './monthly-cost.js';
import { parsePriceTable } from './price-table.js';

const prices = parsePriceTable({
  currency: 'USD',
  instanceHourly: { 'm5.large': 0.096, 'm5.xlarge': 0.192 },
  storagePerGbMonth: 0.08,
  egressPerGb: { internet: 0.09, interRegion: 0.02, intraRegion: 0.01 },
});

const fieldsOf = (run: () => unknown): (string | undefined)[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((issue) => issue.field);
  }
  return [];
};

describe('parsePriceTable', () => {
  it('reports every bad field with its path, quoting keys that are not identifiers', () => {
    expect(
      fieldsOf(() =>
        parsePriceTable({
          instanceHourly: { 'm5.large': -1, small: 'cheap' },
          storagePerGbMonth: Number.NaN,
          egressPerGb: { internet: 0.09, interRegion: 0.02, outerSpace: 1 },
        }),
      ),
    ).toEqual([
      'instanceHourly["m5.large"]',
      'instanceHourly.small',
      'egressPerGb.intraRegion',
      'egressPerGb.outerSpace',
      'storagePerGbMonth',
    ]);
    expect(fieldsOf(() => parsePriceTable([]))).toEqual(['', 'instanceHourly', 'egressPerGb']);
  });

  it('defaults to USD and decimal gigabytes', () => {
    expect(prices.currency).toBe('USD');
    expect(prices.bytesPerGb).toBe(1e9);
  });
});

describe('monthlyCost', () => {
  it('definition (730 h/month): one m5.large at $0.096/h ⇒ $70.08; three m5.xlarge for 100 h ⇒ $57.60', () => {
    const cost = monthlyCost(prices, {
      instances: [
        { id: 'web', type: 'm5.large' },
        { id: 'batch', type: 'm5.xlarge', count: 3, hoursPerMonth: 100 },
      ],
    });
    expect(cost.lines.map((line) => line.monthly)).toEqual([
      expect.closeTo(70.08, 9),
      expect.closeTo(57.6, 9),
    ]);
    expect(cost.total).toBeCloseTo(127.68, 9);
  });

  it('definition: 1 MB/s for a 730 h month is 2628 GB; 10 MB/s to the internet at $0.09/GB ⇒ $2365.20', () => {
    expect(monthlyGigabytes(1e6)).toBeCloseTo(2628, 9);
    expect(monthlyGigabytes(2 ** 30 / 3600, 2 ** 30)).toBeCloseTo(730, 9);
    const cost = monthlyCost(prices, {
      egress: [{ id: 'cdn', kind: 'internet', bytesPerSecond: 1e7 }],
      storage: [{ id: 'db', gigabytes: 500 }],
    });
    expect(cost.byCategory.egress).toBeCloseTo(2365.2, 9);
    expect(cost.byCategory.storage).toBeCloseTo(40, 9);
    expect(cost.total).toBeCloseTo(2405.2, 9);
  });

  it('refuses unknown instance types and kinds, and storage without a price, with paths', () => {
    const noStorage = parsePriceTable({
      instanceHourly: {},
      egressPerGb: { internet: 0, interRegion: 0, intraRegion: 0 },
    });
    expect(
      fieldsOf(() =>
        monthlyCost(noStorage, {
          instances: [{ id: 'a', type: 'toString', count: -1 }],
          storage: [{ id: 's', gigabytes: 1 }],
        }),
      ),
    ).toEqual(['instances[0].type', 'instances[0].count', 'storage[0]']);
  });

  it('is additive: the cost of two usages together is the sum of their costs (property)', () => {
    const instance = fc.record({
      id: fc.string(),
      type: fc.constantFrom('m5.large', 'm5.xlarge'),
      count: fc.integer({ min: 0, max: 50 }),
    });
    const egress = fc.record({
      id: fc.string(),
      kind: fc.constantFrom('internet', 'interRegion', 'intraRegion' as const),
      bytesPerSecond: fc.double({ min: 0, max: 1e9, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(instance), fc.array(instance), fc.array(egress), (a, b, e) => {
        const together = monthlyCost(prices, { instances: [...a, ...b], egress: e }).total;
        const apart =
          monthlyCost(prices, { instances: a }).total +
          monthlyCost(prices, { instances: b, egress: e }).total;
        expect(together).toBeCloseTo(apart, 6);
      }),
    );
  });
});

describe('diffCosts', () => {
  it('lists changed lines, largest change first, and the total delta', () => {
    const before = monthlyCost(prices, {
      instances: [
        { id: 'web', type: 'm5.large', count: 2 },
        { id: 'db', type: 'm5.xlarge' },
      ],
      egress: [{ id: 'cdn', kind: 'internet', bytesPerSecond: 1e6 }],
    });
    const after = monthlyCost(prices, {
      instances: [
        { id: 'web', type: 'm5.large', count: 4 },
        { id: 'db', type: 'm5.xlarge' },
      ],
      egress: [{ id: 'cdn', kind: 'interRegion', bytesPerSecond: 1e6 }],
    });
    const diff = diffCosts(before, after);
    expect(diff.delta).toBeCloseTo(after.total - before.total, 9);
    expect(diff.changed.map((line) => [line.id, line.item, Number(line.delta.toFixed(2))])).toEqual([
      ['cdn', 'internet', -236.52],
      ['web', 'm5.large', 140.16],
      ['cdn', 'interRegion', 52.56],
    ]);
  });

  it('refuses to compare different currencies', () => {
    const usd = monthlyCost(prices, {});
    const eur = monthlyCost({ ...prices, currency: 'EUR' }, {});
    expect(() => diffCosts(usd, eur)).toThrow(InputError);
  });

  it('the deltas of the changed lines add up to the total delta (property)', () => {
    const usage = fc.array(
      fc.record({
        id: fc.constantFrom('a', 'b', 'c'),
        type: fc.constantFrom('m5.large', 'm5.xlarge'),
        count: fc.nat(20),
      }),
    );
    fc.assert(
      fc.property(usage, usage, (a, b) => {
        const diff = diffCosts(monthlyCost(prices, { instances: a }), monthlyCost(prices, { instances: b }));
        expect(diff.changed.reduce((sum, line) => sum + line.delta, 0)).toBeCloseTo(diff.delta, 6);
      }),
    );
  });
});
