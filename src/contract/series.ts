import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

const seriesFunctions = ['raw', 'last', 'avg', 'min', 'max', 'rate'] as const;

export const SeriesInfoSchema = Type.Object({
  name: Type.String({
    description: 'the series within its entity: `node_cpu_seconds_total{cpu="0",mode="idle"}`',
  }),
  counter: Type.Boolean({ description: 'cumulative: query it with fn=rate' }),
  latest: Type.Optional(Type.Object({ ts: Type.Number(), value: Type.Number() })),
});
export type SeriesInfo = Static<typeof SeriesInfoSchema>;

export const SeriesQuerySchema = Type.Object({
  series: Type.String({ minLength: 1, description: 'a series name as listed by /series' }),
  start: Type.Optional(Type.Number({ description: 'epoch ms; default end − 1 h' })),
  end: Type.Optional(Type.Number({ description: 'epoch ms; default now' })),
  step: Type.Optional(Type.Number({ minimum: 1, description: 'ms between points; absent → raw samples' })),
  fn: Type.Optional(
    StringEnum(seriesFunctions, { description: 'per-step aggregation; default last (raw without step)' }),
  ),
});
export type SeriesQuery = Static<typeof SeriesQuerySchema>;

export const SeriesRangeSchema = Type.Object({
  entityId: Type.String(),
  series: Type.String(),
  fn: StringEnum(seriesFunctions),
  step: Type.Optional(Type.Number()),
  from: StringEnum(['hot', 'rollup-1m', 'rollup-1h'] as const, {
    description: 'the hot buffer (raw samples, the last hour) or the persisted rollups',
  }),
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { description: '[epoch ms, value] pairs' }),
});
export type SeriesRange = Static<typeof SeriesRangeSchema>;

export const QuarantineEntrySchema = Type.Object({
  proposedId: Type.String({ description: 'the entity it would become if admitted' }),
  kind: Type.String(),
  label: Type.String({ description: 'the label that names it' }),
  value: Type.String(),
  source: Type.String(),
  firstSeen: Type.Number(),
  lastSeen: Type.Number(),
  samples: Type.Number({ description: 'samples held back so far' }),
  exampleSeries: Type.Array(Type.String()),
});
export type QuarantineEntry = Static<typeof QuarantineEntrySchema>;

const CountsSchema = Type.Object({ requests: Type.Number(), samples: Type.Number(), refused: Type.Number() });

export const IngestStatusSchema = Type.Object({
  mode: StringEnum(['discover', 'strict'] as const),
  series: Type.Number({ description: 'series in the hot buffers' }),
  samples: Type.Object({
    accepted: Type.Number(),
    duplicates: Type.Number(),
    quarantined: Type.Number(),
    rejected: Type.Number(),
    noValue: Type.Number(),
  }),
  discovered: Type.Number({ description: 'entities created from telemetry' }),
  quarantinedSources: Type.Number(),
  memory: Type.Object({
    bytesPerSeries: Type.Number(),
    bytesPerSample: Type.Number(),
    samplesHeld: Type.Number(),
  }),
  receivers: Type.Record(Type.String(), CountsSchema),
  shedding: Type.Object({
    open: Type.Number({ description: 'receiver requests open now' }),
    inFlight: Type.Number(),
    inFlightBytes: Type.Number(),
    loopDelayMs: Type.Number(),
    heapBytes: Type.Number(),
    shed: Type.Number({ description: 'requests refused with 503 and Retry-After' }),
  }),
  journal: Type.Optional(
    Type.Object({ segments: Type.Number(), bytes: Type.Number(), syncs: Type.Number() }),
  ),
  listeners: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()), {
    description: 'MQTT, syslog and scrape receivers: their own counters',
  }),
});
export type IngestStatus = Static<typeof IngestStatusSchema>;

export const SyslogEventSchema = Type.Object({
  ts: Type.Number(),
  entityId: Type.Optional(Type.String({ description: 'absent when the sender names no entity' })),
  hostname: Type.String(),
  severity: Type.Integer({ minimum: 0, maximum: 7, description: '0 emerg … 7 debug' }),
  severityName: Type.String(),
  facility: Type.Integer(),
  appName: Type.Optional(Type.String()),
  procId: Type.Optional(Type.String()),
  msgId: Type.Optional(Type.String()),
  message: Type.String(),
  structuredData: Type.Record(Type.String(), Type.Record(Type.String(), Type.String())),
});
export type SyslogEvent = Static<typeof SyslogEventSchema>;

export const EventQuerySchema = Type.Object({
  entity: Type.Optional(Type.String({ minLength: 1 })),
  maxSeverity: Type.Optional(Type.Integer({ minimum: 0, maximum: 7, description: '3: errors and worse' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type EventQuery = Static<typeof EventQuerySchema>;
