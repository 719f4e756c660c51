import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { formatScoredCsv, parseSeriesCsv } from './series-csv.js';

describe('parseSeriesCsv', () => {
  it("reads NAB's format with its header, CRLF and missing values", () => {
    const series = parseSeriesCsv(
      'timestamp,value\r\n2014-02-19 10:50:00,1.5\r\n2014-02-19 10:55:00,\r\n\n1392807600,NaN\n',
    );
    expect(Array.from(series.timestampsMs)).toEqual([
      Date.UTC(2014, 1, 19, 10, 50),
      Date.UTC(2014, 1, 19, 10, 55),
      1392807600 * 1000,
    ]);
    expect(series.values[0]).toBe(1.5);
    expect(series.values[1]).toBeNaN();
    expect(series.values[2]).toBeNaN();
    expect(series.timestampTexts[0]).toBe('2014-02-19 10:50:00');
  });

  it('names file and line of bad input', () => {
    const bad = (text: string) => () => parseSeriesCsv(text, 'cpu.csv');
    expect(bad('timestamp,value\n2014-02-19 10:50:00,abc\n')).toThrow('cpu.csv:2:');
    expect(bad('2014-02-19 10:50:00,1\nnot a time,2\n')).toThrow(
      /cpu.csv:2: 'not a time' is not a timestamp/,
    );
    expect(bad('2014-02-19 10:50:00,1,2\n')).toThrow(/cpu.csv:1: expected 2 columns/);
    expect(bad('2014-02-19 10:50:00,1\n2014-02-19 10:40:00,2\n')).toThrow(/cpu.csv:2: .*earlier/);
    try {
      bad('x,y\n2014-02-19 10:50:00,?\n')();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues[0]).toMatchObject({ file: 'cpu.csv', line: 2 });
    }
  });

  it('reads back what it writes, scores added (property)', () => {
    const row = fc.record({
      step: fc.integer({ min: 0, max: 86_400_000 }),
      value: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(Number.NaN)),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        let at = Date.UTC(2015, 0, 1);
        const lines = ['timestamp,value'];
        const times: number[] = [];
        for (const { step, value } of rows) {
          at += step;
          times.push(at);
          lines.push(`${new Date(at).toISOString()},${Object.is(value, -0) ? '0' : String(value)}`);
        }
        const series = parseSeriesCsv(lines.join('\n'));
        expect(Array.from(series.timestampsMs)).toEqual(times);
        rows.forEach(({ value }, index) => {
          if (Number.isNaN(value)) expect(series.values[index]).toBeNaN();
          else expect(series.values[index]).toBe(Object.is(value, -0) ? 0 : value);
        });
        const written = formatScoredCsv(
          series,
          rows.map(({ score }) => score),
        ).split('\n');
        expect(written[0]).toBe('timestamp,value,anomaly_score');
        expect(written).toHaveLength(rows.length + 2);
      }),
    );
  });
});
