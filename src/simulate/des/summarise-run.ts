import { batchEstimate, lag1Correlation } from './batch-estimate.js';
import { mserTruncation } from './mser.js';
import type { RunRecord } from './run-record.js';
import { selectQuantiles } from './select-quantiles.js';
import type { Estimate, SimulationResult, StationResult, WarmupSummary } from './simulation-result.js';

export interface StationFacts {
  name: string;
  servers: number;
  offeredUtilisation: number;
}

export interface SummaryOptions {
  seed: number;
  /** A fraction of the run to delete, or 'mser-5'. */
  warmup: number | 'mser-5';
  batches: number;
  confidence: number;
}

/** Cuts the warm-up, forms the batches from whole chunks and estimates every figure. */
export function summariseRun(
  record: RunRecord,
  stations: readonly StationFacts[],
  simulatedTime: number,
  options: SummaryOptions,
): SimulationResult {
  const chunks = Math.min(record.closedChunks, record.chunkEnds.length);
  const { deleted, warmup } = chooseWarmup(record, chunks, options.warmup);
  const batchChunks = Math.floor((chunks - deleted) / options.batches);
  if (batchChunks < 1) {
    throw new RangeError(`run too short for ${options.batches} batches: ${chunks - deleted} chunks kept`);
  }
  // The remainder goes to the warm-up, never to the end of the run.
  const first = chunks - batchChunks * options.batches;
  const batches = batchRanges(record, first, batchChunks, options.batches);
  const keptTime = record.chunkEnds[chunks - 1]! - startOf(record, first);
  const keptCustomers = batchChunks * options.batches * record.chunkSize;
  const kept = record.responses.subarray(first * record.chunkSize, chunks * record.chunkSize);
  const responseMeans = batches.map(
    ({ from, to }) => sumRange(record.responseSums, from, to, 1, 0) / ((to - from) * record.chunkSize),
  );
  const [p50, p95, p99] = selectQuantiles(kept, [0.5, 0.95, 0.99]) as [number, number, number];
  return {
    seed: options.seed,
    customers: record.customers,
    keptCustomers,
    warmup: {
      ...warmup,
      deletedCustomers: first * record.chunkSize,
      deletedTime: startOf(record, first),
    },
    batches: options.batches,
    batchCustomers: batchChunks * record.chunkSize,
    confidence: options.confidence,
    batchLag1Correlation: lag1Correlation(responseMeans),
    simulatedTime,
    events: record.events,
    throughput: keptCustomers / keptTime,
    response: { ...batchEstimate(responseMeans, options.confidence), p50, p95, p99 },
    stations: stations.map((facts, index) =>
      stationResult(record, facts, index, batches, keptTime, options.confidence),
    ),
  };
}

interface BatchRange {
  from: number;
  to: number;
  duration: number;
}

function chooseWarmup(
  record: RunRecord,
  chunks: number,
  warmup: number | 'mser-5',
): { deleted: number; warmup: Pick<WarmupSummary, 'method' | 'reliable'> } {
  if (warmup !== 'mser-5') {
    return { deleted: Math.ceil(warmup * chunks), warmup: { method: 'fraction', reliable: true } };
  }
  const means = new Float64Array(chunks);
  for (let i = 0; i < chunks; i++) means[i] = record.responseSums[i]! / record.chunkSize;
  const deleted = mserTruncation(means);
  return { deleted, warmup: { method: 'mser-5', reliable: deleted < Math.floor(chunks / 2) } };
}

function batchRanges(record: RunRecord, first: number, size: number, count: number): BatchRange[] {
  const ranges: BatchRange[] = [];
  for (let b = 0; b < count; b++) {
    const from = first + b * size;
    const to = from + size;
    ranges.push({ from, to, duration: record.chunkEnds[to - 1]! - startOf(record, from) });
  }
  return ranges;
}

function stationResult(
  record: RunRecord,
  facts: StationFacts,
  station: number,
  batches: readonly BatchRange[],
  keptTime: number,
  confidence: number,
): StationResult {
  const stride = record.stationCount;
  const perTime = (values: Float64Array, scale: number) =>
    batchEstimate(
      batches.map(
        ({ from, to, duration }) => sumRange(values, from, to, stride, station) / (duration * scale),
      ),
      confidence,
    );
  const visits = batches.map(({ from, to }) => sumRange(record.visitCounts, from, to, stride, station));
  const totalVisits = visits.reduce((sum, count) => sum + count, 0);
  return {
    ...facts,
    utilisation: perTime(record.busyAreas, facts.servers),
    meanNumber: perTime(record.areas, 1),
    meanResponse: visits.every((count) => count > 0)
      ? batchEstimate(
          batches.map(
            ({ from, to }, b) => sumRange(record.visitSums, from, to, stride, station) / visits[b]!,
          ),
          confidence,
        )
      : unknownEstimate(totalVisits, batches, record, station),
    throughput: totalVisits / keptTime,
  };
}

/** A station some batches never visited: a point estimate at best, and no interval. */
function unknownEstimate(
  totalVisits: number,
  batches: readonly BatchRange[],
  record: RunRecord,
  station: number,
): Estimate {
  const from = batches[0]!.from;
  const to = batches[batches.length - 1]!.to;
  const mean =
    totalVisits > 0
      ? sumRange(record.visitSums, from, to, record.stationCount, station) / totalVisits
      : Number.NaN;
  return { mean, low: Number.NaN, high: Number.NaN, halfWidth: Number.NaN };
}

function startOf(record: RunRecord, chunk: number): number {
  return chunk === 0 ? 0 : record.chunkEnds[chunk - 1]!;
}

function sumRange(values: Float64Array, from: number, to: number, stride: number, offset: number): number {
  let sum = 0;
  for (let chunk = from; chunk < to; chunk++) sum += values[chunk * stride + offset]!;
  return sum;
}
