import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreNabCorpus } from './nab-corpus-score.js';
import { NAB_PROFILES, nabProbationLength } from './nab-profiles.js';
import { labelRows, OUTSIDE_ROW, PROBATION_ROW } from './nab-row-labels.js';
import {
  bestThreshold,
  type NabScoredFile,
  scoreAtThreshold,
  sweepThresholds,
} from './nab-threshold-sweep.js';
import { parseNabWindows } from './nab-windows-file.js';
import { MAX_TRUE_POSITIVE, scaledSigmoid } from './scaled-sigmoid.js';

const MINUTE = 60_000;
const times = (count: number) => Float64Array.from({ length: count }, (_, index) => index * MINUTE);
const windowOf = (first: number, last: number) => ({ startMs: first * MINUTE, endMs: last * MINUTE });

/** 100 rows (probation 15), windows on rows 40–49 and 80–89. */
function twoWindowFile(name = 'a.csv') {
  return labelRows({ name, timestampsMs: times(100), windows: [windowOf(40, 49), windowOf(80, 89)] });
}

function detectionsAt(rowCount: number, rows: number[]): Float64Array {
  const scores = new Float64Array(rowCount);
  for (const row of rows) scores[row] = 1;
  return scores;
}

describe('scaledSigmoid', () => {
  it('matches the values NAB documents', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3.01)).toBe(-1);
  });
});

describe('nabProbationLength', () => {
  it('is 15 % of the rows, at most 750', () => {
    expect(nabProbationLength(100)).toBe(15);
    expect(nabProbationLength(4032)).toBe(604);
    expect(nabProbationLength(15_902)).toBe(750);
  });
});

describe('labelRows', () => {
  it('marks probation, windows and the worth of each row', () => {
    const labels = twoWindowFile();
    expect(labels.windowOfRow[14]).toBe(PROBATION_ROW);
    expect(labels.windowOfRow[15]).toBe(OUTSIDE_ROW);
    expect(labels.windowOfRow[40]).toBe(0);
    expect(labels.windowOfRow[89]).toBe(1);
    expect(labels.worthOfRow[40]).toBeCloseTo(1, 12);
    expect(labels.worthOfRow[49]).toBeCloseTo(scaledSigmoid(-1 / 10) / MAX_TRUE_POSITIVE, 12);
    // Before any window a false positive costs fully; after one, by its distance (width - 1 = 9).
    expect(labels.worthOfRow[20]).toBe(-1);
    expect(labels.worthOfRow[58]).toBeCloseTo(scaledSigmoid(9 / 9), 12);
    expect(labels.scorableWindowCount).toBe(2);
  });

  it('leaves a window wholly inside probation unscorable', () => {
    const labels = labelRows({ name: 'b', timestampsMs: times(100), windows: [windowOf(2, 5)] });
    expect(labels.labelledWindowCount).toBe(1);
    expect(labels.scorableWindowCount).toBe(0);
  });
});

describe('sweepThresholds', () => {
  it('scores a hand-computed case', () => {
    const labels = twoWindowFile();
    // Window 0 detected on its 6th row of 10, window 1 missed, one false positive before any window.
    const scores = detectionsAt(100, [45, 20]);
    const entry = scoreAtThreshold(sweepThresholds([{ labels, scores }], NAB_PROFILES.standard), 1);
    const truePositive = scaledSigmoid(-5 / 10) / MAX_TRUE_POSITIVE;
    expect(entry.score).toBeCloseTo(truePositive - 1 - 0.11, 12);
    expect(entry.detectedWindows).toBe(1);
    expect(entry.missedWindows).toBe(1);
    expect(entry.falsePositiveRows).toBe(1);
  });

  it('counts only the earliest detection in a window', () => {
    const labels = twoWindowFile();
    const once = scoreAtThreshold(
      sweepThresholds([{ labels, scores: detectionsAt(100, [42]) }], NAB_PROFILES.standard),
      1,
    );
    const twice = scoreAtThreshold(
      sweepThresholds([{ labels, scores: detectionsAt(100, [42, 47]) }], NAB_PROFILES.standard),
      1,
    );
    expect(twice.score).toBeCloseTo(once.score, 12);
  });

  it('ignores detections in probation and starts with nothing detected', () => {
    const labels = twoWindowFile();
    const sweep = sweepThresholds(
      [{ labels, scores: detectionsAt(100, [3]) }],
      NAB_PROFILES.reward_low_FN_rate,
    );
    expect(sweep[0]?.score).toBe(-4);
    expect(bestThreshold(sweep).score).toBe(-4);
  });
});

describe('scoreNabCorpus', () => {
  const files = () => [
    twoWindowFile('a.csv'),
    labelRows({ name: 'b.csv', timestampsMs: times(200), windows: [windowOf(100, 119)] }),
  ];

  it('scores the null detector 0 and a detection on every window start 100', () => {
    const nullDetector = files().map((labels) => ({
      labels,
      scores: new Float64Array(labels.rowCount).fill(0.5),
    }));
    const starts = files().map((labels) => ({
      labels,
      scores: detectionsAt(labels.rowCount, labels.name === 'a.csv' ? [40, 80] : [100]),
    }));
    for (const result of Object.values(scoreNabCorpus(nullDetector)))
      expect(result.normalisedScore).toBeCloseTo(0, 9);
    for (const result of Object.values(scoreNabCorpus(starts)))
      expect(result.normalisedScore).toBeCloseTo(100, 9);
  });

  it('scores at a given threshold when told to', () => {
    const scored = files().map((labels) => ({ labels, scores: detectionsAt(labels.rowCount, [40]) }));
    const fixed = scoreNabCorpus(scored, { thresholds: { standard: 1.05 } }).standard;
    expect(fixed.detectedWindows).toBe(0);
    expect(fixed.normalisedScore).toBeCloseTo(0, 9);
  });

  it('never exceeds 100, and an earlier detection never scores less (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 100, maxLength: 100 }),
        fc.integer({ min: 40, max: 48 }),
        (noise, row) => {
          const labels = twoWindowFile();
          const result = scoreNabCorpus([{ labels, scores: Float64Array.from(noise) }]);
          for (const profile of Object.values(result))
            expect(profile.normalisedScore).toBeLessThanOrEqual(100 + 1e-9);
          const score = (at: number): number =>
            scoreNabCorpus([{ labels, scores: detectionsAt(100, [at]) } satisfies NabScoredFile]).standard
              .rawScore;
          expect(score(row)).toBeGreaterThanOrEqual(score(row + 1));
        },
      ),
    );
  });

  it('is the same whichever order the files come in (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 300, maxLength: 300 }),
        (raw) => {
          const [a, b] = files() as [ReturnType<typeof labelRows>, ReturnType<typeof labelRows>];
          const first = { labels: a, scores: Float64Array.from(raw.slice(0, 100)) };
          const second = { labels: b, scores: Float64Array.from(raw.slice(100)) };
          const forward = scoreNabCorpus([first, second]).standard;
          const backward = scoreNabCorpus([second, first]).standard;
          expect(backward.rawScore).toBeCloseTo(forward.rawScore, 9);
          expect(backward.threshold).toBe(forward.threshold);
        },
      ),
    );
  });
});

describe('parseNabWindows', () => {
  it("reads NAB's combined_windows.json", () => {
    const windows = parseNabWindows(
      '{"a/b.csv": [["2014-02-19 10:50:00.000000", "2014-02-20 03:30:00.000000"]], "c/d.csv": []}',
    );
    expect(windows.get('a/b.csv')).toEqual([
      { startMs: Date.UTC(2014, 1, 19, 10, 50), endMs: Date.UTC(2014, 1, 20, 3, 30) },
    ]);
    expect(windows.get('c/d.csv')).toEqual([]);
  });

  it('names the bad window', () => {
    expect(() => parseNabWindows('{"a.csv": [["2014-02-19 10:50:00", "soon"]]}')).toThrow(/a.csv\[0\]/);
  });
});
