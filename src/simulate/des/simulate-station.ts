import { createStreams, type RandomStream } from '../../model/index.js';
import { compileArrivalProcess, nextArrivalTime } from './arrival-process.js';
import { createSampler } from './create-sampler.js';
import { distributionMoments } from './distribution-moments.js';
import { type DistributionSpec, distributionIssues } from './distribution-spec.js';
import { EventHeap } from './event-heap.js';
import { FifoQueue } from './fifo-queue.js';
import {
  type ArrivalProcessSpec,
  arrivalProcessIssues,
  optionsIssues,
  type SimulationOptions,
  serverIssues,
  throwIfIssues,
} from './network-spec.js';
import { RunRecord } from './run-record.js';
import type { SimulationResult } from './simulation-result.js';
import { summariseRun } from './summarise-run.js';

/** One G/G/c FCFS station fed by one arrival stream. */
export interface StationModel {
  name?: string;
  servers: number;
  service: DistributionSpec;
  arrivals: ArrivalProcessSpec;
}

/**
 * The fast path for a single station: the same heap, streams, samplers and analysis as
 * `simulateNetwork`, without customer records or routing. It consumes the random streams in the
 * same order, so a one-station network with the same seed gives exactly the same result.
 */
export function simulateStation(model: StationModel, options: SimulationOptions): SimulationResult {
  throwIfIssues(
    [
      ...serverIssues(model.servers, 'servers'),
      ...distributionIssues(model.service, 'service'),
      ...arrivalProcessIssues(model.arrivals, 'arrivals'),
      ...optionsIssues(options),
    ],
    'station simulation',
  );
  const record = new RunRecord(options.customers, 1);
  const arrivals = compileArrivalProcess(model.arrivals);
  const simulatedTime = runStation(model, options, record);
  const offeredUtilisation = (arrivals.longRunRate * distributionMoments(model.service).mean) / model.servers;
  return summariseRun(
    record,
    [{ name: model.name ?? 'station', servers: model.servers, offeredUtilisation }],
    simulatedTime,
    {
      seed: options.seed,
      warmup: options.warmup ?? 'mser-5',
      batches: options.batches ?? 30,
      confidence: options.confidence ?? 0.95,
    },
  );
}

/**
 * The event loop, kept in one function on purpose: every counter is a local the JIT holds in a
 * register, which is where the speed of this path comes from. Payload −1 is an arrival; a payload
 * s ≥ 0 is the departure of the customer on server slot s.
 */
function runStation(model: StationModel, options: SimulationOptions, record: RunRecord): number {
  // Three streams, as a one-station network draws them: arrivals, service, routing (unused here).
  const [arrivalStream, serviceStream] = createStreams(options.seed, 3) as [RandomStream, RandomStream];
  const arrivals = compileArrivalProcess(model.arrivals);
  const service = createSampler(model.service);
  const servers = model.servers;
  const heap = new EventHeap(Math.min(servers, 1 << 20) + 16);
  const waiting = new FifoQueue(64);
  const slotArrival = new Float64Array(servers);
  const freeSlots = Int32Array.from({ length: servers }, (_, i) => servers - 1 - i);
  const responses = record.responses;
  const chunkSize = record.chunkSize;
  const customers = options.customers;
  const areas = new Float64Array(1);
  const busyAreas = new Float64Array(1);
  const visitSums = new Float64Array(1);
  const visitCounts = new Float64Array(1);
  let freeCount = servers;
  let present = 0;
  let area = 0;
  let busyArea = 0;
  let lastChange = 0;
  let chunkResponse = 0;
  let chunkVisits = 0;
  let completed = 0;
  let events = 0;
  let now = 0;
  heap.push(nextArrivalTime(arrivals, arrivalStream, 0), -1);
  while (completed < customers) {
    now = heap.topTime;
    const slot = heap.pop();
    events++;
    const elapsed = now - lastChange;
    area += present * elapsed;
    busyArea += (servers - freeCount) * elapsed;
    lastChange = now;
    if (slot < 0) {
      heap.push(nextArrivalTime(arrivals, arrivalStream, now), -1);
      present++;
      if (freeCount > 0) {
        const free = freeSlots[--freeCount]!;
        slotArrival[free] = now;
        heap.push(now + service(serviceStream), free);
      } else waiting.push(now);
      continue;
    }
    present--;
    const response = now - slotArrival[slot]!;
    if (waiting.size > 0) {
      slotArrival[slot] = waiting.shift();
      heap.push(now + service(serviceStream), slot);
    } else freeSlots[freeCount++] = slot;
    responses[completed++] = response;
    chunkResponse += response;
    chunkVisits++;
    if (completed % chunkSize === 0) {
      // Per visit and end to end are the same thing at a lone station.
      areas[0] = area;
      busyAreas[0] = busyArea;
      visitSums[0] = chunkResponse;
      visitCounts[0] = chunkVisits;
      record.closeChunk(now, chunkResponse, areas, busyAreas, visitSums, visitCounts);
      area = 0;
      busyArea = 0;
      chunkResponse = 0;
      chunkVisits = 0;
    }
  }
  record.events = events;
  return now;
}
