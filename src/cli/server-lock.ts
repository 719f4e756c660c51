import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * One server per database file: the server writes `<db>.lock` with its pid and URL; the CLI's
 * local mode refuses to write to a database a live server holds, since the server's in-memory
 * twin would not see the change. A lock left by a killed server is stale and ignored.
 */
export interface LockInfo {
  pid: number;
  url: string;
}

export function lockPath(db: string): string {
  return `${db}.lock`;
}

export function readLiveLock(db: string): LockInfo | undefined {
  let info: LockInfo;
  try {
    info = JSON.parse(readFileSync(lockPath(db), 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
  if (info.pid === process.pid) return undefined;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}

export function writeLock(db: string, url: string): () => void {
  const path = lockPath(db);
  writeFileSync(path, JSON.stringify({ pid: process.pid, url } satisfies LockInfo));
  return () => rmSync(path, { force: true });
}
