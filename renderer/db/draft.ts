/**
 * The records a step touches, as they will be once it is written: each is read from the store inside the step's
 * transaction, changed in memory, checked as a whole, and only then turned into changes (per field, so a step never
 * writes back fields it did not touch).
 */
import type { Change } from './changes';
import type { BudgetDb, RecordRow } from './database';

interface Touched {
  readonly stored: RecordRow | undefined;
  /** null: the step deletes the record. */
  next: RecordRow | null;
  /** How messages name a record the step creates (its id means nothing to the officer): 新增的第 2 行. */
  newName?: string;
}

export class Draft {
  private readonly touched = new Map<string, Touched>();
  /** Datasets read whole (by id); a record of one of them is looked up here instead of read again. */
  private readonly storedByDataset = new Map<string, Map<string, RecordRow>>();

  constructor(
    private readonly db: BudgetDb,
    readonly bookId: string,
  ) {}

  private static key(dataset: string, id: string): string {
    return `${dataset}\u0000${id}`;
  }

  /**
   * Reads the records of `refs` the step has not read yet, in one request. A step over a thousand records reads
   * them like this, not one by one: each wait costs a turn, and a long run of waits that make no request loses
   * the transaction (Dexie's PrematureCommitError).
   */
  async readAll(refs: readonly { readonly dataset: string; readonly id: string }[]): Promise<void> {
    const missing = new Map<string, [string, string, string]>();
    for (const { dataset, id } of refs) {
      const key = Draft.key(dataset, id);
      if (!this.touched.has(key) && !this.storedByDataset.has(dataset)) missing.set(key, [this.bookId, dataset, id]);
    }
    if (missing.size === 0) return;
    const rows = await this.db.records.bulkGet([...missing.values()]);
    [...missing.keys()].forEach((key, i) => this.touched.set(key, { stored: rows[i], next: rows[i] ?? null }));
  }

  /** The record as it will be, or undefined when it does not exist (or the step deletes it). */
  async get(dataset: string, id: string): Promise<RecordRow | undefined> {
    await this.readAll([{ dataset, id }]);
    return this.known(dataset, id);
  }

  /** The same for a record read before (through get, readAll or dataset), without waiting. */
  known(dataset: string, id: string): RecordRow | undefined {
    return this.read(dataset, id).next ?? undefined;
  }

  /** Changes a record read before (through get, readAll or dataset). */
  put(row: RecordRow): void {
    this.read(row.dataset, row.id).next = row;
  }

  /** Adds a record the step creates, named `name` in messages; its id must be one no stored record of the dataset has. */
  create(row: RecordRow, name: string): void {
    const key = Draft.key(row.dataset, row.id);
    // An id freed by a record this step deletes keeps that record as what is stored (the change is then an update).
    this.touched.set(key, { stored: this.touched.get(key)?.stored, next: row, newName: name });
  }

  /** Deletes a record read before (through get, readAll or dataset). */
  remove(dataset: string, id: string): void {
    this.read(dataset, id).next = null;
  }

  private read(dataset: string, id: string): Touched {
    const key = Draft.key(dataset, id);
    let entry = this.touched.get(key);
    if (!entry) {
      const whole = this.storedByDataset.get(dataset);
      if (!whole) throw new Error(`Draft: record ${dataset}/${id} was not read in this step`);
      const stored = whole.get(id);
      entry = { stored, next: stored ?? null };
      this.touched.set(key, entry);
    }
    return entry;
  }

  /** Every record of a dataset as it will be, in order. */
  async dataset(dataset: string): Promise<RecordRow[]> {
    let stored = this.storedByDataset.get(dataset);
    if (!stored) {
      const rows = await this.db.records.where('[bookId+dataset]').equals([this.bookId, dataset]).toArray();
      stored = new Map(rows.map((r) => [r.id, r]));
      this.storedByDataset.set(dataset, stored);
    }
    const rows = new Map<string, RecordRow | null>(stored);
    for (const t of this.touched.values()) {
      const row = t.next ?? t.stored;
      if (row?.dataset === dataset) rows.set(row.id, t.next);
    }
    return [...rows.values()].filter((r): r is RecordRow => r !== null).sort((a, b) => a.position - b.position);
  }

  /** The touched records that will exist after the step (with the name of a new one), and those it deletes. */
  outcome(): { kept: { row: RecordRow; newName?: string }[]; deleted: RecordRow[] } {
    const kept: { row: RecordRow; newName?: string }[] = [];
    const deleted: RecordRow[] = [];
    for (const t of this.touched.values()) {
      if (t.next) kept.push(t.newName === undefined ? { row: t.next } : { row: t.next, newName: t.newName });
      else if (t.stored) deleted.push(t.stored);
    }
    return { kept, deleted };
  }

  changes(): Change[] {
    const changes: Change[] = [];
    for (const { stored, next } of this.touched.values()) {
      if (!stored && next) {
        changes.push({ kind: 'record', dataset: next.dataset, id: next.id, after: { position: next.position, fields: next.fields } });
      } else if (stored && !next) {
        changes.push({ kind: 'record', dataset: stored.dataset, id: stored.id, before: { position: stored.position, fields: stored.fields } });
      } else if (stored && next) {
        const { dataset, id } = stored;
        for (const field of new Set([...Object.keys(stored.fields), ...Object.keys(next.fields)])) {
          const before = stored.fields[field];
          const after = next.fields[field];
          if (before !== after) changes.push({ kind: 'field', dataset, id, field, before, after });
        }
        if (stored.position !== next.position) changes.push({ kind: 'move', dataset, id, before: stored.position, after: next.position });
      }
    }
    return changes;
  }
}
