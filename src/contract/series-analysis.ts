import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

export const SeriesForecastQuerySchema = Type.Object({
  entity: Type.String({ minLength: 1 }),
  series: Type.String({ minLength: 1, description: 'a series name as listed by /series' }),
  history: Type.Optional(Type.String({ description: 'how much history to fit on: 1h, 7d, …; default 7d' })),
  horizon: Type.Optional(Type.String({ description: 'how far ahead: 30m, 24h, 3d, …; default 24h' })),
  threshold: Type.Optional(
    Type.Number({ description: 'when given, the time to reach it, with its 80 % interval' }),
  ),
  direction: Type.Optional(
    StringEnum(['up', 'down'] as const, { description: 'default: the side the last value is on' }),
  ),
  min: Type.Optional(Type.Number({ description: 'physical lower limit (forecasts are clamped to it)' })),
  max: Type.Optional(Type.Number({ description: 'physical upper limit, e.g. 1 for a ratio' })),
});
export type SeriesForecastQuery = Static<typeof SeriesForecastQuerySchema>;

export const SeriesForecastSchema = Type.Object({
  entityId: Type.String(),
  series: Type.String(),
  method: Type.String({
    description: 'exponential-smoothing, recent-trend, first-order, robust-linear, constant',
  }),
  model: Type.String({ description: 'the model in words' }),
  stepMs: Type.Number(),
  level: Type.Number({ description: 'probability of the band, 0.8' }),
  historyPoints: Type.Integer(),
  lastTimeMs: Type.Number(),
  lastValue: Type.Number(),
  trendPerHour: Type.Number(),
  seasonality: Type.Array(
    Type.Object({
      name: Type.String(),
      detected: Type.Boolean(),
      autocorrelation: Type.Optional(Type.Number()),
    }),
  ),
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), {
    description: '[epoch ms, forecast, lower, upper]',
  }),
  timeToThreshold: Type.Optional(
    Type.Object({
      threshold: Type.Number(),
      direction: StringEnum(['up', 'down'] as const),
      alreadyCrossed: Type.Boolean(),
      centralMs: Type.Optional(
        Type.Number({ description: 'from the last observation: when a reading first reaches the threshold' }),
      ),
      earliestMs: Type.Optional(Type.Number()),
      latestMs: Type.Optional(Type.Number({ description: 'absent: beyond the horizon' })),
      probability: Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 1,
          description:
            'chance of a reading at or past the threshold within the horizon (absent for short histories)',
        }),
      ),
      summary: Type.String(),
    }),
  ),
});
export type SeriesForecast = Static<typeof SeriesForecastSchema>;

export const SeriesAnomalyQuerySchema = Type.Object({
  entity: Type.String({ minLength: 1 }),
  series: Type.String({ minLength: 1 }),
  start: Type.Optional(Type.Number({ description: 'epoch ms; default end − 24 h' })),
  end: Type.Optional(Type.Number({ description: 'epoch ms; default now' })),
  threshold: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: 'score of an anomaly; default 0.5' }),
  ),
});
export type SeriesAnomalyQuery = Static<typeof SeriesAnomalyQuerySchema>;

export const SeriesAnomaliesSchema = Type.Object({
  entityId: Type.String(),
  series: Type.String(),
  points: Type.Integer({ description: 'points scored, oldest first, each seen once' }),
  scores: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), {
    description: '[epoch ms, score] of the points scoring at least 0.1 (markers for a chart)',
  }),
  events: Type.Array(
    Type.Object({
      startMs: Type.Number(),
      endMs: Type.Number(),
      peakScore: Type.Number(),
      peakAtMs: Type.Number(),
      reason: Type.String(),
      value: Type.Number(),
      expected: Type.Number(),
      typicalError: Type.Number(),
    }),
  ),
});
export type SeriesAnomalies = Static<typeof SeriesAnomaliesSchema>;
