import { createStreams, type RandomStream } from '../../model/index.js';
import { type ArrivalProcess, compileArrivalProcess, nextArrivalTime } from './arrival-process.js';
import { createSampler, type Sampler } from './create-sampler.js';
import { distributionMoments } from './distribution-moments.js';
import { EventHeap } from './event-heap.js';
import { FifoQueue } from './fifo-queue.js';
import {
  type NetworkSpec,
  networkIssues,
  optionsIssues,
  routingTolerance,
  type SimulationOptions,
  throwIfIssues,
} from './network-spec.js';
import { RunRecord } from './run-record.js';
import type { SimulationResult } from './simulation-result.js';
import { type StationFacts, summariseRun } from './summarise-run.js';
import { trafficRates } from './traffic-equations.js';

/**
 * Simulates an open network of FCFS multi-server stations until `options.customers` customers
 * have left it. Random streams: arrival stream s uses stream s, station i's service times stream
 * A + i and its routing draws stream A + S + i (A streams, S stations), all from one seed.
 */
export function simulateNetwork(spec: NetworkSpec, options: SimulationOptions): SimulationResult {
  throwIfIssues([...networkIssues(spec), ...optionsIssues(options)], 'network simulation');
  const run = new NetworkRun(spec, options);
  run.run();
  return summariseRun(run.record, stationFacts(spec, run.sources), run.now, {
    seed: options.seed,
    warmup: options.warmup ?? 'mser-5',
    batches: options.batches ?? 30,
    confidence: options.confidence ?? 0.95,
  });
}

function stationFacts(spec: NetworkSpec, sources: readonly ArrivalProcess[]): StationFacts[] {
  const external = spec.stations.map(() => 0);
  spec.arrivals.forEach((arrival, s) => {
    const station = spec.stations.findIndex((candidate) => candidate.name === arrival.to);
    external[station]! += sources[s]!.longRunRate;
  });
  const rates = trafficRates(external, spec.routing);
  return spec.stations.map((station, i) => ({
    name: station.name,
    servers: station.servers,
    offeredUtilisation: (rates[i]! * distributionMoments(station.service).mean) / station.servers,
  }));
}

/** One run's state. Event payloads: a customer id (≥ 0) departs, −1 − s is arrival stream s. */
class NetworkRun {
  readonly record: RunRecord;
  readonly sources: ArrivalProcess[];
  now = 0;
  private readonly heap = new EventHeap(256);
  private readonly sourceStation: Int32Array;
  private readonly sourceStreams: RandomStream[];
  private readonly services: Sampler[];
  private readonly serviceStreams: RandomStream[];
  private readonly routeStreams: RandomStream[];
  private readonly servers: Int32Array;
  private readonly queues: FifoQueue[];
  private readonly routes: RoutingTable;
  // Per station: present, busy, last time its integrals moved, and the open chunk's sums.
  private readonly present: Int32Array;
  private readonly busy: Int32Array;
  private readonly lastChange: Float64Array;
  private readonly areas: Float64Array;
  private readonly busyAreas: Float64Array;
  private readonly visitSums: Float64Array;
  private readonly visitCounts: Float64Array;
  private readonly customers = new CustomerPool();
  private completed = 0;
  private chunkResponse = 0;

  constructor(
    spec: NetworkSpec,
    private readonly options: SimulationOptions,
  ) {
    const stationCount = spec.stations.length;
    const sourceCount = spec.arrivals.length;
    const streams = createStreams(options.seed, sourceCount + 2 * stationCount);
    this.record = new RunRecord(options.customers, stationCount);
    this.sources = spec.arrivals.map((arrival) => compileArrivalProcess(arrival));
    this.sourceStation = Int32Array.from(spec.arrivals, (arrival) =>
      spec.stations.findIndex((station) => station.name === arrival.to),
    );
    this.sourceStreams = streams.slice(0, sourceCount);
    this.services = spec.stations.map((station) => createSampler(station.service));
    this.serviceStreams = streams.slice(sourceCount, sourceCount + stationCount);
    this.routeStreams = streams.slice(sourceCount + stationCount);
    this.servers = Int32Array.from(spec.stations, (station) => station.servers);
    this.queues = spec.stations.map(() => new FifoQueue());
    this.routes = routingTable(spec.routing, stationCount);
    this.present = new Int32Array(stationCount);
    this.busy = new Int32Array(stationCount);
    this.lastChange = new Float64Array(stationCount);
    this.areas = new Float64Array(stationCount);
    this.busyAreas = new Float64Array(stationCount);
    this.visitSums = new Float64Array(stationCount);
    this.visitCounts = new Float64Array(stationCount);
  }

  run(): void {
    this.sources.forEach((source, s) => {
      this.heap.push(nextArrivalTime(source, this.sourceStreams[s]!, 0), -1 - s);
    });
    const heap = this.heap;
    let events = 0;
    while (this.completed < this.options.customers) {
      this.now = heap.topTime;
      const payload = heap.pop();
      events++;
      if (payload < 0) this.arriveFromOutside(-1 - payload);
      else this.depart(payload);
    }
    this.record.events = events;
  }

  private arriveFromOutside(source: number): void {
    const now = this.now;
    this.heap.push(nextArrivalTime(this.sources[source]!, this.sourceStreams[source]!, now), -1 - source);
    const customer = this.customers.take(now);
    this.arrive(this.sourceStation[source]!, customer);
  }

  private arrive(station: number, customer: number): void {
    this.integrate(station);
    this.present[station]!++;
    this.customers.visitStart[customer] = this.now;
    this.customers.station[customer] = station;
    if (this.busy[station]! < this.servers[station]!) {
      this.busy[station]!++;
      this.startService(station, customer);
    } else this.queues[station]!.push(customer);
  }

  private startService(station: number, customer: number): void {
    this.heap.push(this.now + this.services[station]!(this.serviceStreams[station]!), customer);
  }

  private depart(customer: number): void {
    const station = this.customers.station[customer]!;
    this.integrate(station);
    this.present[station]!--;
    this.visitSums[station]! += this.now - this.customers.visitStart[customer]!;
    this.visitCounts[station]!++;
    const queue = this.queues[station]!;
    if (queue.size > 0) this.startService(station, queue.shift());
    else this.busy[station]!--;
    const next = this.route(station);
    if (next >= 0) this.arrive(next, customer);
    else this.leave(customer);
  }

  /** The next station, or −1 for the exit; a row without routes costs no random draw. */
  private route(station: number): number {
    const routes = this.routes;
    const start = routes.starts[station]!;
    const end = routes.starts[station + 1]!;
    if (start === end) return -1;
    const u = this.routeStreams[station]!.nextDouble();
    for (let k = start; k < end; k++) if (u < routes.cumulative[k]!) return routes.targets[k]!;
    return -1;
  }

  private leave(customer: number): void {
    const response = this.now - this.customers.entered[customer]!;
    this.customers.release(customer);
    const record = this.record;
    record.responses[this.completed++] = response;
    this.chunkResponse += response;
    if (this.completed % record.chunkSize === 0) this.closeChunk();
  }

  private closeChunk(): void {
    for (let station = 0; station < this.present.length; station++) this.integrate(station);
    this.record.closeChunk(
      this.now,
      this.chunkResponse,
      this.areas,
      this.busyAreas,
      this.visitSums,
      this.visitCounts,
    );
    this.chunkResponse = 0;
    this.areas.fill(0);
    this.busyAreas.fill(0);
    this.visitSums.fill(0);
    this.visitCounts.fill(0);
  }

  /** Brings a station's time integrals up to now; called before its counts change. */
  private integrate(station: number): void {
    const elapsed = this.now - this.lastChange[station]!;
    this.areas[station]! += this.present[station]! * elapsed;
    this.busyAreas[station]! += this.busy[station]! * elapsed;
    this.lastChange[station] = this.now;
  }
}

/** Sparse routing rows: for station i, entries starts[i] … starts[i+1] − 1. */
interface RoutingTable {
  starts: Int32Array;
  targets: Int32Array;
  cumulative: Float64Array;
}

function routingTable(routing: NetworkSpec['routing'], size: number): RoutingTable {
  const starts = new Int32Array(size + 1);
  const targets: number[] = [];
  const cumulative: number[] = [];
  for (let i = 0; i < size; i++) {
    const row = routing?.[i] ?? [];
    let sum = 0;
    row.forEach((p, j) => {
      if (p <= 0) return;
      sum += p;
      targets.push(j);
      cumulative.push(sum);
    });
    // A row summing to 1 up to rounding has no exit: make its last bound exact.
    if (targets.length > starts[i]! && Math.abs(sum - 1) <= routingTolerance) {
      cumulative[cumulative.length - 1] = Number.POSITIVE_INFINITY;
    }
    starts[i + 1] = targets.length;
  }
  return { starts, targets: Int32Array.from(targets), cumulative: Float64Array.from(cumulative) };
}

/** Customers in the network: when they entered, where they are and since when; ids are reused. */
class CustomerPool {
  entered = new Float64Array(1024);
  visitStart = new Float64Array(1024);
  station = new Int32Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;
  private issued = 0;

  take(now: number): number {
    let id: number;
    if (this.freeCount > 0) id = this.free[--this.freeCount]!;
    else {
      if (this.issued === this.entered.length) this.grow();
      id = this.issued++;
    }
    this.entered[id] = now;
    return id;
  }

  release(id: number): void {
    this.free[this.freeCount++] = id;
  }

  private grow(): void {
    const capacity = this.entered.length * 2;
    this.entered = resized(this.entered, capacity);
    this.visitStart = resized(this.visitStart, capacity);
    this.station = resized(this.station, capacity);
    this.free = resized(this.free, capacity);
  }
}

function resized<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}
