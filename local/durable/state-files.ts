import { hostname } from 'node:os';
import { join } from 'node:path';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** Local state is the connectors' messages: readable by this user only. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Creates `dir` (and its parents) readable by this user only; tightens a folder an older version left open. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE);
}

/** Makes a rename or a new file in `dir` survive a power loss. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface Lock {
  pid: number;
  host: string;
}

const readLock = (path: string): Lock | undefined => {
  try {
    const lock = JSON.parse(readFileSync(path, 'utf8')) as Partial<Lock>;
    return typeof lock.pid === 'number' && typeof lock.host === 'string' ? { pid: lock.pid, host: lock.host } : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Takes the state folder for this process: one `npm start` (or `npm run redrive`) at a time per
 * folder. A lock whose process is gone (a kill, a crash, the same pid in a restarted container) is
 * taken over. A lock written on another host (another container on the same volume) cannot be
 * checked: `foreign: 'take'` takes it over (`npm start` must start after a crash), `'refuse'` stops.
 * Returns the release function.
 */
export function lockStateDir(dir: string, what: string, foreign: 'take' | 'refuse'): () => void {
  ensurePrivateDir(dir);
  const path = join(dir, 'run.lock');
  const lock = existsSync(path) ? readLock(path) : undefined;
  const host = hostname();
  if (lock && lock.host === host && lock.pid !== process.pid && alive(lock.pid))
    throw new Error(
      `${dir} is in use by another process (pid ${lock.pid}); stop it before ${what}, or set LOCAL_STATE_DIR to another folder`,
    );
  if (lock && lock.host !== host && foreign === 'refuse')
    throw new Error(
      `${dir} is locked by process ${lock.pid} on ${lock.host}; stop it before ${what}, or, if it is not running any more, delete ${path}`,
    );
  writeFileSync(path, JSON.stringify({ pid: process.pid, host } satisfies Lock) + '\n', { mode: FILE_MODE });
  return () => {
    if (readLock(path)?.pid !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
}
