import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutAttemptState } from '../shared/pipeline/attempts';
import type { ConnectorInfo } from './durable/connector-store';
import { RecordFile } from './durable/record-file';
import { lockStateDir } from './durable/state-files';

/** One connector's folder under `<state dir>/queues/`. */
interface ConnectorFolder {
  dir: string;
  info?: ConnectorInfo;
}

function connectorFolders(stateDir: string): ConnectorFolder[] {
  const root = join(stateDir, 'queues');
  if (!existsSync(root)) return [];
  return readdirSync(root).map((name) => {
    const dir = join(root, name);
    const infoPath = join(dir, 'connector.json');
    return { dir, info: existsSync(infoPath) ? (JSON.parse(readFileSync(infoPath, 'utf8')) as ConnectorInfo) : undefined };
  });
}

/**
 * Moves a connector's dead-lettered messages back to be processed: each goes to the connector's
 * journal, due now, with its message attributes (claim check, come-back state) but a fresh attempt
 * budget; the next `npm start` feeds them to the queue. Returns how many moved, per folder.
 */
export function redrive(stateDir: string, connector?: string): Array<{ name: string; moved: number }> {
  const unlock = lockStateDir(stateDir, 'running npm run redrive', 'refuse');
  try {
    const folders = connectorFolders(stateDir);
    const matches = (f: ConnectorFolder) =>
      connector === undefined || [f.info?.name, f.info?.id, f.dir.split('/').pop()].some((v) => v === connector);
    const chosen = folders.filter(matches);
    if (connector !== undefined && chosen.length === 0) {
      const known = folders.map((f) => f.info?.name ?? f.dir).join(', ') || 'none';
      throw new Error(`no connector "${connector}" in ${stateDir} (connectors there: ${known}); give its name or id`);
    }
    return chosen.map((folder) => {
      const deadLetters = new RecordFile(join(folder.dir, 'dead-letters.jsonl'));
      const journal = new RecordFile(join(folder.dir, 'journal.jsonl'));
      try {
        const ids = deadLetters.ids();
        const now = Date.now();
        journal.add(
          ...ids.flatMap((id) => {
            const record = deadLetters.read(id);
            return record ? [{ id: randomUUID(), due: now, body: record.body, attributes: withoutAttemptState(record.attributes) }] : [];
          }),
        );
        // Once the journal has them: a crash in between leaves a copy in both, which a repeat upserts.
        deadLetters.done(...ids);
        return { name: folder.info?.name ?? folder.dir, moved: ids.length };
      } finally {
        deadLetters.close();
        journal.close();
      }
    });
  } finally {
    unlock();
  }
}

/** `npm run redrive [-- <connector name or id>]`. */
function main(): void {
  process.umask(0o077);
  const stateDir = process.env.LOCAL_STATE_DIR || '.local-state';
  const connector = process.argv[2];
  try {
    const results = redrive(stateDir, connector);
    if (results.length === 0) console.log(`No connector state in ${stateDir}: nothing to redrive.`);
    for (const { name, moved } of results)
      console.log(`[${name}] ${moved} dead-lettered message(s) moved back; they are processed at the next npm start.`);
  } catch (error) {
    console.error(`Cannot redrive: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
