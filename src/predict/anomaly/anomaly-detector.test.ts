import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnomalyDetector } from './anomaly-detector.js';

const FIVE_MINUTES = 300_000;

/** A deterministic noise source so the tests do not depend on Math.random. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

function scoresOf(values: number[], step = FIVE_MINUTES): number[] {
  const detector = createAnomalyDetector();
  return values.map((value, index) => detector.update(index * step, value));
}

describe('createAnomalyDetector', () => {
  it('flags a spike after a steady noisy stretch, and says why', () => {
    const next = noise(7);
    const values = Array.from({ length: 1000 }, () => 50 + 2 * next());
    values[800] = 90;
    const detector = createAnomalyDetector();
    const scores = values.map((value, index) => detector.update(index * FIVE_MINUTES, value));
    const before = Math.max(...scores.slice(300, 800));
    expect(scores[800]).toBeGreaterThan(0.5);
    expect(scores[800]).toBeGreaterThan(before);
  });

  it('explains an alarm by what it expected', () => {
    const detector = createAnomalyDetector();
    const next = noise(3);
    for (let index = 0; index < 600; index++) detector.update(index * FIVE_MINUTES, 10 + next());
    const score = detector.update(600 * FIVE_MINUTES, 100);
    const evidence = detector.evidence();
    expect(score).toBeGreaterThan(0.5);
    expect(evidence.reason).toBe('novel-value');
    expect(evidence.value).toBe(100);
    expect(Math.abs(evidence.expected - 10)).toBeLessThan(2);
  });

  it('keeps quiet on a constant series and during warm-up', () => {
    expect(Math.max(...scoresOf(Array.from({ length: 2000 }, () => 42)))).toBe(0);
    expect(Math.max(...scoresOf([1, 1000, -5, 1e9, 3]))).toBe(0);
  });

  it('reports one alarm per episode, not every point of a level shift', () => {
    const next = noise(11);
    const values = Array.from({ length: 1200 }, (_, index) => (index < 700 ? 20 : 60) + next());
    const alarms = scoresOf(values).filter((score) => score >= 0.5).length;
    expect(alarms).toBeGreaterThanOrEqual(1);
    expect(alarms).toBeLessThanOrEqual(3);
  });

  it('scores every input in [0, 1]: NaN, huge values, irregular or repeated timestamps (property)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1e308, 1e308, 0, -0),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    const point = fc.tuple(fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.constant(Number.NaN)), value);
    fc.assert(
      fc.property(fc.array(point, { maxLength: 400 }), (points) => {
        const detector = createAnomalyDetector({ warmupPoints: 5 });
        let time = 0;
        for (const [step, observed] of points) {
          time += step;
          const score = detector.update(time, observed);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('depends only on the points seen so far (online, property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const full = scoresOf([...values, 1e6, -1e6]).slice(0, values.length);
          expect(full).toEqual(scoresOf(values));
        },
      ),
    );
  });

  it('gives no alarm on any constant series (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 3000 }),
        (level, length) => {
          expect(Math.max(0, ...scoresOf(Array.from({ length }, () => level)))).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('always detects a large step on a noisy series (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.constantFrom(-1, 1),
        (seed, level, spread, sign) => {
          const next = noise(seed);
          const values = Array.from(
            { length: 1500 },
            (_, index) => level + spread * next() + (index >= 1000 ? sign * 20 * spread : 0),
          );
          const scores = scoresOf(values);
          expect(Math.max(...scores.slice(1000, 1010))).toBeGreaterThanOrEqual(0.5);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('forgets an old outlier: a later spike below it but above the recent range is novel', () => {
    const run = (rangeMemory: number) => {
      const next = noise(5);
      const detector = createAnomalyDetector({ rangeMemory });
      let score = 0;
      for (let index = 0; index <= 6500; index++) {
        const value = index === 200 ? 1000 : index === 6500 ? 11 : 10 + next();
        score = detector.update(index * FIVE_MINUTES, value);
      }
      return { score, reason: detector.evidence().reason };
    };
    const recent = run(4000);
    expect(recent.reason).toBe('novel-value');
    expect(recent.score).toBeGreaterThan(0.5);
    // With the all-time range the same value is within the range: not novel, not alarmed.
    const allTime = run(0);
    expect(allTime.reason).not.toBe('novel-value');
    expect(allTime.score).toBeLessThan(recent.score);
  });

  it('flags a sustained shift of spread that no single point reveals', () => {
    const next = noise(9);
    const values = Array.from({ length: 4000 }, (_, index) => 100 + (index < 3000 ? 1 : 2.5) * next());
    const detector = createAnomalyDetector();
    const reasons: string[] = [];
    const scores = values.map((value, index) => {
      const score = detector.update(index * FIVE_MINUTES, value);
      reasons.push(detector.evidence().reason);
      return score;
    });
    const before = Math.max(...scores.slice(2100, 3000));
    const after = Math.max(...scores.slice(3000, 3300));
    expect(after).toBeGreaterThan(0.5);
    expect(after).toBeGreaterThan(before);
  });

  it('does not call a quiet weekend a broken day once it has seen a week (weekly profile)', () => {
    const day = 86_400_000;
    const alarmsAfterTwoWeeks = (weeklyProfile: boolean) => {
      const next = noise(3);
      const detector = createAnomalyDetector({ weeklyProfile });
      let alarms = 0;
      let lastAlarm = Number.NEGATIVE_INFINITY;
      let brokenDays = 0;
      for (let index = 0; index < 6 * 7 * 288; index++) {
        const time = index * FIVE_MINUTES;
        const weekend = Math.floor(time / day) % 7 >= 5;
        const hour = (time % day) / 3_600_000;
        const value = 50 + (weekend ? 0 : 30 * Math.exp(-((hour - 14) ** 2) / 8)) + 2 * next();
        if (detector.update(time, value) >= 0.5 && time >= 14 * day) {
          // Episodes: alarms within an hour of the previous one belong to it.
          if (time - lastAlarm > 3_600_000) alarms++;
          lastAlarm = time;
          if (detector.evidence().reason === 'broken-daily-pattern') brokenDays++;
        }
      }
      return { alarms, brokenDays };
    };
    const withWeekly = alarmsAfterTwoWeeks(true);
    expect(withWeekly.brokenDays).toBe(0);
    // The spike-rate test may see one marginal burst on a Monday peak, where only last week's
    // profile explains the points (its 10-minute buckets blur the steep rise): at most one episode
    // in 4 weeks (with the defaults it is two alarms 45 minutes apart, the second a little stronger).
    expect(withWeekly.alarms).toBeLessThanOrEqual(1);
    expect(alarmsAfterTwoWeeks(false).brokenDays).toBeGreaterThan(0);
  });

  it('flags spikes that come more often, though none is new or large (spike-rate test)', () => {
    const peakOfBurst = (spikeRateWeight: number) => {
      const next = noise(21);
      const detector = createAnomalyDetector({ spikeRateWeight });
      let peak = 0;
      let reason = '';
      for (let index = 0; index < 3000; index++) {
        // A spike of +6 every 97 points (never at the same time of day), then one every 5 points.
        const burst = index >= 2500 && index < 2580;
        const spike = burst ? index % 5 === 0 : index % 97 === 0;
        const score = detector.update(index * FIVE_MINUTES, 50 + 2 * next() + (spike ? 6 : 0));
        if (burst && score > peak) {
          peak = score;
          reason = detector.evidence().reason;
        }
      }
      return { peak, reason };
    };
    const withTest = peakOfBurst(1);
    expect(withTest.peak).toBeGreaterThanOrEqual(0.5);
    expect(withTest.reason).toBe('spike-rate');
    expect(peakOfBurst(0).peak).toBeLessThan(0.5);
  });

  it('has no cliff at the spike threshold: a soft threshold moves the scores a little (softness)', () => {
    // Noise whose normalised errors sit around the threshold: with a hard threshold a small move
    // of it changes the spike count of many points at once; a soft one changes each a little.
    const run = (options: { spikeLevel: number; spikeSoftness: number }) => {
      const next = noise(5);
      const detector = createAnomalyDetector(options);
      let total = 0;
      for (let index = 0; index < 3000; index++)
        total += detector.update(index * FIVE_MINUTES, 50 + 2 * next());
      return total;
    };
    const soft = Math.abs(
      run({ spikeLevel: 1.75, spikeSoftness: 0.25 }) - run({ spikeLevel: 1.8, spikeSoftness: 0.25 }),
    );
    const hard = Math.abs(
      run({ spikeLevel: 1.75, spikeSoftness: 0 }) - run({ spikeLevel: 1.8, spikeSoftness: 0 }),
    );
    expect(soft).toBeLessThanOrEqual(hard + 1e-9);
  });
});
