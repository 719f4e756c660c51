import type { FastifyInstance } from 'fastify';
import {
  type SeriesAnomalies,
  SeriesAnomaliesSchema,
  type SeriesAnomalyQuery,
  SeriesAnomalyQuerySchema,
  type SeriesForecast,
  type SeriesForecastQuery,
  SeriesForecastQuerySchema,
  SeriesForecastSchema,
} from '../contract/index.js';
import { type IngestService, type LiveMirror, querySeriesRange } from '../ingest/index.js';
import { InputError, NotFoundError } from '../model/index.js';
import {
  AnomalyEventTracker,
  createAnomalyDetector,
  describeTimeToThreshold,
  forecastSeries,
  parseDuration,
  type SeriesPoint,
  timeToThreshold,
} from '../predict/index.js';
import { authProblems, withProblems } from './route-schema.js';

const tags = ['ingest'];
const hour = 3_600_000;
/** Points a history is read in at most: enough for a weekly pattern at 5-minute steps. */
const maxHistoryPoints = 2_016;

/** Forecasts and anomaly scores of one live series, for charts (forecast band, anomaly markers). */
export function registerSeriesAnalysisRoutes(app: FastifyInstance, service: IngestService): void {
  const mirror = service.mirror;
  app.get<{ Querystring: SeriesForecastQuery }>(
    '/api/series/forecast',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Forecast one series with its 80 % band, and when it reaches a threshold',
        description:
          'Trend and daily/weekly seasonality, fitted on the history (hot samples or rollups); see docs/forecast.md.',
        querystring: SeriesForecastQuerySchema,
        response: withProblems({ 200: SeriesForecastSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<SeriesForecast> => {
      const query = request.query;
      const historyMs = duration(query.history ?? '7d', 'history');
      const horizonMs = duration(query.horizon ?? '24h', 'horizon');
      const points = await history(
        mirror,
        query.entity,
        query.series,
        mirror.twin.now() - historyMs,
        mirror.twin.now(),
      );
      if (points.length < 3) {
        throw new InputError(
          `${query.series} of ${query.entity} has ${points.length} points in that history; a forecast needs 3`,
          [{ field: 'querystring.history', message: 'too little data in this range' }],
        );
      }
      const forecast = forecastSeries(points, {
        horizonMs,
        ...(query.min !== undefined ? { min: query.min } : {}),
        ...(query.max !== undefined ? { max: query.max } : {}),
      });
      const answer: SeriesForecast = {
        entityId: query.entity,
        series: query.series,
        method: forecast.method,
        model: forecast.model,
        stepMs: forecast.stepMs,
        level: forecast.level,
        historyPoints: points.length,
        lastTimeMs: forecast.lastTimeMs,
        lastValue: forecast.lastValue,
        trendPerHour: forecast.trendPerHour,
        seasonality: forecast.seasonality.map((check) => ({
          name: check.name,
          detected: check.detected,
          ...(check.autocorrelation !== undefined ? { autocorrelation: check.autocorrelation } : {}),
        })),
        points: forecast.points.map((point) => [point.timeMs, point.forecast, point.lower, point.upper]),
      };
      if (query.threshold !== undefined) {
        const crossing = timeToThreshold(forecast, {
          threshold: query.threshold,
          ...(query.direction ? { direction: query.direction } : {}),
        });
        answer.timeToThreshold = {
          threshold: crossing.threshold,
          direction: crossing.direction,
          alreadyCrossed: crossing.alreadyCrossed,
          ...(crossing.centralMs !== undefined ? { centralMs: crossing.centralMs } : {}),
          ...(crossing.earliestMs !== undefined ? { earliestMs: crossing.earliestMs } : {}),
          ...(crossing.latestMs !== undefined ? { latestMs: crossing.latestMs } : {}),
          ...(crossing.probability !== undefined ? { probability: crossing.probability } : {}),
          summary: describeTimeToThreshold(crossing),
        };
      }
      return answer;
    },
  );

  app.get<{ Querystring: SeriesAnomalyQuery }>(
    '/api/series/anomalies',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Anomaly scores and events of one series over a range (each point scored once, in order)',
        description:
          'The streaming detector of docs/anomaly-detection.md run over the range, for chart markers.',
        querystring: SeriesAnomalyQuerySchema,
        response: withProblems({ 200: SeriesAnomaliesSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<SeriesAnomalies> => {
      const query = request.query;
      const end = query.end ?? mirror.twin.now();
      const start = query.start ?? end - 24 * hour;
      if (start > end)
        throw new InputError('start is after end', [
          { field: 'querystring.start', message: 'must be ≤ end' },
        ]);
      const points = await history(mirror, query.entity, query.series, start, end);
      const detector = createAnomalyDetector();
      const tracker = new AnomalyEventTracker({ threshold: query.threshold ?? 0.5 });
      const scores: Array<[number, number]> = [];
      const events: SeriesAnomalies['events'] = [];
      const keep = (event: ReturnType<AnomalyEventTracker['flush']>) => {
        if (!event) return;
        const { reason, value, expected, typicalError } = event.evidence;
        events.push({
          startMs: event.startMs,
          endMs: event.endMs,
          peakScore: event.peakScore,
          peakAtMs: event.peakAtMs,
          reason,
          value: finite(value),
          expected: finite(expected),
          typicalError: finite(typicalError),
        });
      };
      for (const point of points) {
        const score = detector.update(point.timeMs, point.value);
        if (score >= 0.1) scores.push([point.timeMs, score]);
        keep(tracker.update(point.timeMs, score, () => detector.evidence()));
      }
      keep(tracker.flush());
      return { entityId: query.entity, series: query.series, points: points.length, scores, events };
    },
  );
}

function duration(text: string, field: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InputError((error as Error).message, [
      { field: `querystring.${field}`, message: 'not a duration' },
    ]);
  }
}

/**
 * The series between `start` and `end`: raw samples for a short range, else per-step means (rates
 * for counters) so that a week is a couple of thousand points, from the hot buffer or the rollups.
 */
async function history(
  mirror: LiveMirror,
  entityId: string,
  series: string,
  start: number,
  end: number,
): Promise<SeriesPoint[]> {
  if (!mirror.twin.live.entity(entityId)) throw new NotFoundError(`no entity '${entityId}'`);
  const info = mirror.listSeries(entityId).find((one) => one.name === series);
  if (!info) throw new NotFoundError(`no series '${series}' on ${entityId}`);
  const span = end - start;
  const step =
    span <= 2 * hour && !info.counter
      ? undefined
      : Math.max(60_000, Math.ceil(span / maxHistoryPoints / 60_000) * 60_000);
  const answer = await querySeriesRange(mirror, {
    entityId,
    series,
    start,
    end,
    ...(step ? { step, fn: info.counter ? 'rate' : 'avg' } : {}),
  });
  return answer.points
    .filter(([, value]) => Number.isFinite(value))
    .map(([timeMs, value]) => ({ timeMs, value }));
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
