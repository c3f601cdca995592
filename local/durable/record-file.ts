import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, FILE_MODE, fsyncDir } from './state-files';

/** A message kept on disk: its body, its SQS message attributes, and when it is due again (ms epoch). */
export interface StoredRecord {
  id: string;
  due: number;
  body: string;
  attributes: Record<string, string>;
}

type Line = ({ op: 'add' } & StoredRecord) | { op: 'done'; id: string };

interface Slot {
  due: number;
  offset: number;
  length: number;
}

/** Rewrite the file when this many bytes are dead and they outweigh the live ones. */
const COMPACT_BYTES = 4 * 1024 * 1024;

/**
 * An append-only file of records (one JSON line each), every write fsync'd before it returns:
 * `add` keeps a record, `done` forgets it. Only the positions of live records stay in memory; a
 * body is read back from the file when it is needed, so a large store costs little memory. A line
 * cut short by a crash is dropped on open (its write had not returned, so nobody relied on it).
 */
export class RecordFile {
  readonly #path: string;
  #fd: number;
  #size: number;
  readonly #slots = new Map<string, Slot>();
  #liveBytes = 0;

  constructor(path: string) {
    this.#path = path;
    ensurePrivateDir(dirname(path));
    this.#fd = openSync(path, existsSync(path) ? 'r+' : 'w+', FILE_MODE);
    this.#size = 0;
    this.#replay();
    if (this.#size > this.#liveBytes) this.#compact();
  }

  get size(): number {
    return this.#slots.size;
  }

  get path(): string {
    return this.#path;
  }

  has(id: string): boolean {
    return this.#slots.has(id);
  }

  /** Live records whose due time is at or before `now`, earliest first, at most `limit`, skipping `skip`. */
  due(now: number, limit: number, skip: ReadonlySet<string> = new Set()): string[] {
    const ready: Array<[string, number]> = [];
    for (const [id, slot] of this.#slots) if (slot.due <= now && !skip.has(id)) ready.push([id, slot.due]);
    return ready
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id]) => id);
  }

  /** The earliest due time of a live record not in `skip`, or undefined. */
  nextDue(skip: ReadonlySet<string> = new Set()): number | undefined {
    let next: number | undefined;
    for (const [id, slot] of this.#slots) if (!skip.has(id) && (next === undefined || slot.due < next)) next = slot.due;
    return next;
  }

  ids(): string[] {
    return [...this.#slots.keys()];
  }

  read(id: string): StoredRecord | undefined {
    const slot = this.#slots.get(id);
    if (!slot) return undefined;
    const buffer = Buffer.alloc(slot.length);
    readSync(this.#fd, buffer, 0, slot.length, slot.offset);
    const { op: _op, ...record } = JSON.parse(buffer.toString('utf8')) as Extract<Line, { op: 'add' }>;
    return record;
  }

  /** Keeps `records` on disk; returns once they are there. */
  add(...records: StoredRecord[]): void {
    if (records.length === 0) return;
    const lines = records.map((r) => JSON.stringify({ op: 'add', ...r } satisfies Line) + '\n');
    let offset = this.#size;
    this.#append(lines.join(''));
    records.forEach((r, i) => {
      const length = Buffer.byteLength(lines[i]!) - 1;
      this.#slots.set(r.id, { due: r.due, offset, length });
      this.#liveBytes += length + 1;
      offset += length + 1;
    });
  }

  /** Forgets records (finished, or moved elsewhere). */
  done(...ids: string[]): void {
    const known = ids.filter((id) => this.#slots.has(id));
    if (known.length === 0) return;
    this.#append(known.map((id) => JSON.stringify({ op: 'done', id } satisfies Line) + '\n').join(''));
    for (const id of known) {
      this.#liveBytes -= this.#slots.get(id)!.length + 1;
      this.#slots.delete(id);
    }
    if (this.#size - this.#liveBytes > COMPACT_BYTES && this.#size - this.#liveBytes > this.#liveBytes) this.#compact();
  }

  close(): void {
    closeSync(this.#fd);
  }

  #append(text: string): void {
    const buffer = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buffer.length) written += writeSync(this.#fd, buffer, written, buffer.length - written, this.#size + written);
    fsyncSync(this.#fd);
    this.#size += buffer.length;
  }

  #replay(): void {
    const total = fstatSync(this.#fd).size;
    const chunk = Buffer.alloc(1024 * 1024);
    let carry = Buffer.alloc(0);
    let position = 0;
    let lineStart = 0;
    while (position < total) {
      const read = readSync(this.#fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      let data = Buffer.concat([carry, chunk.subarray(0, read)]);
      let newline: number;
      while ((newline = data.indexOf(10)) >= 0) {
        this.#apply(data.subarray(0, newline), lineStart);
        lineStart += newline + 1;
        data = data.subarray(newline + 1);
      }
      carry = Buffer.from(data);
    }
    // A partial last line (a write cut by a crash) is dropped.
    if (lineStart < total) ftruncateSync(this.#fd, lineStart);
    this.#size = lineStart;
  }

  #apply(line: Buffer, offset: number): void {
    let parsed: Line;
    try {
      parsed = JSON.parse(line.toString('utf8')) as Line;
    } catch {
      return;
    }
    if (parsed.op === 'add') {
      if (!this.#slots.has(parsed.id)) this.#liveBytes += line.length + 1;
      this.#slots.set(parsed.id, { due: parsed.due, offset, length: line.length });
    } else if (parsed.op === 'done' && this.#slots.has(parsed.id)) {
      this.#liveBytes -= this.#slots.get(parsed.id)!.length + 1;
      this.#slots.delete(parsed.id);
    }
  }

  /** Rewrites the file with the live records only (write aside, fsync, rename). */
  #compact(): void {
    const partial = `${this.#path}.compacting`;
    const fd = openSync(partial, 'w+', FILE_MODE);
    const slots = new Map<string, Slot>();
    let offset = 0;
    try {
      for (const [id, slot] of this.#slots) {
        const buffer = Buffer.alloc(slot.length + 1);
        readSync(this.#fd, buffer, 0, slot.length, slot.offset);
        buffer[slot.length] = 10;
        writeSync(fd, buffer, 0, buffer.length, offset);
        slots.set(id, { ...slot, offset });
        offset += buffer.length;
      }
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    renameSync(partial, this.#path);
    fsyncDir(dirname(this.#path));
    closeSync(this.#fd);
    this.#fd = fd;
    this.#size = offset;
    this.#liveBytes = offset;
    this.#slots.clear();
    for (const [id, slot] of slots) this.#slots.set(id, slot);
  }
}
