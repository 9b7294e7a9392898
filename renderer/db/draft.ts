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
  private readonly storedByDataset = new Map<string, RecordRow[]>();

  constructor(
    private readonly db: BudgetDb,
    readonly bookId: string,
  ) {}

  private static key(dataset: string, id: string): string {
    return `${dataset}\u0000${id}`;
  }

  private async entry(dataset: string, id: string): Promise<Touched> {
    const key = Draft.key(dataset, id);
    let entry = this.touched.get(key);
    if (!entry) {
      const stored = await this.db.records.get([this.bookId, dataset, id]);
      entry = { stored, next: stored ?? null };
      this.touched.set(key, entry);
    }
    return entry;
  }

  /** The record as it will be, or undefined when it does not exist (or the step deletes it). */
  async get(dataset: string, id: string): Promise<RecordRow | undefined> {
    return (await this.entry(dataset, id)).next ?? undefined;
  }

  async put(row: RecordRow): Promise<void> {
    (await this.entry(row.dataset, row.id)).next = row;
  }

  /** Adds a record the step creates, named `name` in messages. */
  async create(row: RecordRow, name: string): Promise<void> {
    const entry = await this.entry(row.dataset, row.id);
    entry.next = row;
    entry.newName = name;
  }

  async remove(dataset: string, id: string): Promise<void> {
    (await this.entry(dataset, id)).next = null;
  }

  /** Every record of a dataset as it will be, in order. */
  async dataset(dataset: string): Promise<RecordRow[]> {
    let stored = this.storedByDataset.get(dataset);
    if (!stored) {
      stored = await this.db.records.where('[bookId+dataset]').equals([this.bookId, dataset]).toArray();
      this.storedByDataset.set(dataset, stored);
    }
    const rows = new Map(stored.map((r) => [r.id, r as RecordRow | null]));
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
