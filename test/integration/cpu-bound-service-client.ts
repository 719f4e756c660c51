// Starts test/integration/cpu-bound-service.ts as a child process and reads its CPU statistics.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..', '..');

/** What cpu-bound-service.ts reports at GET /stats. */
export interface ServiceStats {
  readonly cpuMicros: number;
  readonly systemCpuMicros: number;
  readonly handlerCpuMicros: number;
  readonly handlerWallMs: number;
  readonly handlerWallSquaresMs: number;
  readonly requests: number;
  readonly uptimeMs: number;
}

export interface CpuBoundService {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** CPU milliseconds of the handler's loop, measured once at start-up. */
  readonly workCpuMs: number;
  stats(): Promise<ServiceStats>;
  stop(): Promise<void>;
}

/** Starts cpu-bound-service.ts in its own process and resolves when it listens. */
export function startCpuBoundService(workMs: number): Promise<CpuBoundService> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'cpu-bound-service.ts'), '--work-ms', String(workMs)],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`service did not start in 30 s: ${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}: ${stderr}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line) as { port: number; workCpuMs: number };
      const baseUrl = `http://127.0.0.1:${ready.port}`;
      resolvePromise({
        child,
        baseUrl,
        workCpuMs: ready.workCpuMs,
        stats: async () => (await (await fetch(`${baseUrl}/stats`)).json()) as ServiceStats,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
