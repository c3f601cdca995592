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

/** The process that holds the state folder's lock, when it still runs (and is not this one). */
export function lockHolder(dir: string): number | undefined {
  const path = `${dir}/run.lock`;
  if (!existsSync(path)) return undefined;
  const pid = Number(readFileSync(path, 'utf8').trim());
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/**
 * Takes the state folder for this process: one `npm start` (or `npm run redrive`) at a time per
 * folder. A lock left by a process that is gone (a kill, a crash, the same pid in a restarted
 * container) is taken over. Returns the release function.
 */
export function lockStateDir(dir: string, what: string): () => void {
  ensurePrivateDir(dir);
  const holder = lockHolder(dir);
  if (holder !== undefined)
    throw new Error(
      `${dir} is in use by another process (pid ${holder}); stop it before ${what}, or set LOCAL_STATE_DIR to another folder`,
    );
  const path = `${dir}/run.lock`;
  writeFileSync(path, `${process.pid}\n`, { mode: FILE_MODE });
  return () => {
    try {
      if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
}
