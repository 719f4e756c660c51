// A CPU-bound HTTP service for the load-prediction experiment, run as its own process
// (`node --import tsx cpu-bound-service.ts --work-ms 4`). One Node process is one thread serving
// one request at a time, so it is one server of a single queue: the station the twin models.
//
// GET /work burns a FIXED AMOUNT OF WORK (a loop count calibrated once at start-up to about
// `--work-ms` of CPU), not a fixed wall time: a process that is descheduled by a neighbour still
// does the same work per request, so its CPU time per request stays what the utilisation law
// measures. GET /stats reports the process's own CPU time, so the parent measures utilisation
// without reading /proc (and without guessing which pid is ours).
//
// Prints one JSON line `{ "port", "pid", "loops", "workCpuMs" }` when it listens.
import { createServer } from 'node:http';

function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const workMs = argNumber('--work-ms', 4);

/** Keeps the loop's result alive, so the JIT cannot drop the loop as dead code. */
let sink = 0;

/** A xorshift loop: integer work with no allocation, so no garbage collection joins the request. */
function burn(loops: number): void {
  let x = (sink | 1) >>> 0;
  for (let i = 0; i < loops; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink = x;
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/**
 * Loops per `workMs` of CPU. Measured in CPU time (not wall time) after a JIT warm-up, taking the
 * fastest of several trials: a trial that a neighbour's interrupt stretched is the outlier.
 */
function calibrate(): number {
  burn(2_000_000);
  const trialLoops = 1_000_000;
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 7; trial++) {
    const before = cpuMicros();
    burn(trialLoops);
    best = Math.min(best, cpuMicros() - before);
  }
  return Math.max(1, Math.round((trialLoops * workMs * 1000) / Math.max(1, best)));
}

const loops = calibrate();
let requests = 0;
/** CPU microseconds spent inside the /work handler's loop: the rest of the CPU is HTTP and Node. */
let handlerCpuMicros = 0;
/**
 * Wall time of the same loop, summed and squared: a neighbour that takes the core stretches it,
 * which is what makes a fixed amount of work a variable service time. Its squared coefficient of
 * variation (0 for a deterministic server, 1 for an exponential one) says which queue this is.
 */
let handlerWallMs = 0;
let handlerWallSquaresMs = 0;

const server = createServer((request, response) => {
  if (request.url === '/work') {
    const before = cpuMicros();
    const started = performance.now();
    burn(loops);
    const wall = performance.now() - started;
    handlerCpuMicros += cpuMicros() - before;
    handlerWallMs += wall;
    handlerWallSquaresMs += wall * wall;
    requests++;
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    response.end('ok');
    return;
  }
  if (request.url === '/stats') {
    const usage = process.cpuUsage();
    const body = JSON.stringify({
      cpuMicros: usage.user + usage.system,
      systemCpuMicros: usage.system,
      handlerCpuMicros,
      handlerWallMs,
      handlerWallSquaresMs,
      requests,
      uptimeMs: performance.now(),
    });
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
    return;
  }
  response.writeHead(404).end();
});
// The load generator keeps its connections open for the whole run: no reconnects mid-measurement.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const before = cpuMicros();
  burn(loops);
  const workCpuMs = (cpuMicros() - before) / 1000;
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid, loops, workCpuMs })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
