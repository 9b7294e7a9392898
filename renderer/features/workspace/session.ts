/**
 * An open book in the editor: the stored book, the engine over it (the whole department, or one unit's view), the
 * table views the grids show, and the edits the officer makes. An edit is written through renderer/db first; only
 * when its transaction has committed does the engine take it — an amount incrementally (engine.setAmount), anything
 * else by recomputing the book — and the page shows 已保存. Lines added, deleted or moved, texts and anything else
 * written through renderer/db (perform, setText) reload or update the book the same way. Edits made in another window
 * arrive through liveQuery and reload the book.
 */
import { liveQuery, type Subscription } from 'dexie';
import { loadBook, type LoadedBook } from '../../../shared/book/load';
import { recordUnit } from '../../../shared/book/merge-unit';
import type { BookFile } from '../../../shared/book/schema';
import { unitView } from '../../../shared/book/unit-view';
import { bindingOf, type FieldBinding } from '../../../shared/engine/bindings';
import type { Failure } from '../../../shared/engine/checks';
import { Engine } from '../../../shared/engine/engine';
import type { Row } from '../../../shared/engine/model';
import { type TableView, tableView } from '../../../shared/engine/view';
import { amountToPlain, parseAmount } from '../../../shared/money/money';
import type { NarrativeDoc } from '../../../shared/narrative/document';
import { generateNarrative } from '../../../shared/narrative/generate';
import { findTemplate } from '../../../shared/template/registry';
import { ValidationError } from '../../../shared/validation/issues';
import { type BudgetDb, type EditProblem, historyOf, type Outcome, pasteBlock, type Pasted, readBookFile, redo, setField, setText, undo } from '../../db';

export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

/** '' is the department as a whole. */
export type Scope = string;

export interface CellEdit {
  readonly binding: FieldBinding;
  readonly text: string;
}

export class BookSession {
  private file!: BookFile;
  private department!: LoadedBook;
  private engine!: Engine;
  private views = new Map<string, TableView>();
  private listeners = new Set<() => void>();
  private subscription?: Subscription;
  private ownWrites = 0;
  private lastKnownUpdate = '';
  /** Bumped when the book's content changes (not its save state): what the department engine and the narrative follow. */
  private content = 0;
  private departmentCache?: { content: number; engine: Engine };
  private narrativeCache?: { content: number; doc: NarrativeDoc };
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;
  save: SaveState = { kind: 'saved' };
  history: { undo?: string; redo?: string } = {};
  scope: Scope = '';

  private constructor(
    readonly db: BudgetDb,
    readonly bookId: string,
  ) {}

  /** Opens a stored book; resolves undefined when it does not exist (deleted in another window). */
  static async open(db: BudgetDb, bookId: string): Promise<BookSession | undefined> {
    const session = new BookSession(db, bookId);
    if (!(await session.reload())) return undefined;
    session.watch();
    return session;
  }

  get book(): LoadedBook {
    return this.engine.book;
  }

  get currentEngine(): Engine {
    return this.engine;
  }

  get bookFile(): BookFile {
    return this.file;
  }

  /** The department's loaded book (for the unit list and record ownership). */
  get departmentBook(): LoadedBook {
    return this.department;
  }

  /** The engine over the whole department (the current one in the department view): for the text and the exports. */
  get departmentEngine(): Engine {
    if (!this.scope) return this.engine;
    if (this.departmentCache?.content !== this.content) {
      this.departmentCache = { content: this.content, engine: Engine.run(loadBook(this.file, findTemplate)) };
    }
    return this.departmentCache.engine;
  }

  /** The document's text parts written from the department's current figures and the officer's texts. */
  narrative(): NarrativeDoc {
    if (this.narrativeCache?.content !== this.content) {
      this.narrativeCache = { content: this.content, doc: generateNarrative(this.departmentEngine, this.texts) };
    }
    return this.narrativeCache.doc;
  }

  /** The officer's texts (book.text) as stored. */
  get texts(): Readonly<Record<string, string>> {
    return this.file.text ?? {};
  }

  /** The unit a record belongs to ('' for the department's own records). */
  ownerOf(dataset: string, recordId: string): string | undefined {
    const record = this.department.recordById.get(dataset)?.get(recordId);
    return record && recordUnit(this.department, record);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  close(): void {
    this.subscription?.unsubscribe();
    this.listeners.clear();
  }

  private changed(): void {
    this.version++;
    this.views.clear();
    for (const l of this.listeners) l();
  }

  /** The content changed: the department engine and the narrative are computed again when next asked for. */
  private contentChanged(): void {
    this.content++;
    this.changed();
  }

  /** Reads the stored book and recomputes everything. */
  private async reload(): Promise<boolean> {
    const file = await readBookFile(this.db, this.bookId);
    if (!file) return false;
    this.file = file;
    this.department = loadBook(file, findTemplate);
    this.rebuild();
    this.history = await historyOf(this.db, this.bookId);
    this.lastKnownUpdate = (await this.db.books.get(this.bookId))?.updatedAt ?? '';
    return true;
  }

  private rebuild(): void {
    if (this.scope && !this.department.unitByCode.has(this.scope)) this.scope = '';
    const book = this.scope ? loadBook(unitView(this.department, this.scope), findTemplate) : this.department;
    this.engine = Engine.run(book);
    this.contentChanged();
  }

  /** Edits made elsewhere (another window or tab) reload the book; our own are already in. */
  private watch(): void {
    this.subscription = liveQuery(() => this.db.books.get(this.bookId)).subscribe({
      next: (row) => {
        if (!row || this.ownWrites > 0 || row.updatedAt === this.lastKnownUpdate) return;
        void this.reload();
      },
    });
  }

  setScope(scope: Scope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.department = loadBook(this.file, findTemplate);
    this.rebuild();
  }

  view(tableId: string): TableView {
    let v = this.views.get(tableId);
    if (!v) {
      v = tableView(this.engine, this.engine.model.tableById.get(tableId)!);
      this.views.set(tableId, v);
    }
    return v;
  }

  failures(): Failure[] {
    return this.engine.failures();
  }

  /**
   * The entered field a printed cell shows, when the officer may type it here: unit records in a unit's view,
   * records of no unit (上年“三公”, transfers) in the department view.
   */
  binding(tableId: string, rowId: string, columnKey: string): FieldBinding | undefined {
    const table = this.engine.model.tableById.get(tableId)!;
    const row = table.rowById.get(rowId);
    const column = table.columnByKey.get(columnKey);
    if (!row || !column || table.manual) return undefined;
    const binding = bindingOf(this.engine.book, this.engine.model, row, column);
    if (!binding) return undefined;
    const record = this.department.recordById.get(binding.dataset)?.get(binding.recordId);
    const owner = record ? recordUnit(this.department, record) : '';
    return owner === this.scope ? binding : undefined;
  }

  row(tableId: string, rowId: string): Row | undefined {
    return this.engine.model.tableById.get(tableId)?.rowById.get(rowId);
  }

  /** Writes typed or pasted cells as one step; resolves with the problems when nothing was written. */
  async commit(edits: readonly CellEdit[]): Promise<readonly EditProblem[]> {
    if (edits.length === 0) return [];
    // Figures that parse cleanly show at once: the engine takes them before the write, the status bar says 正在保存…
    // until the transaction has committed, and a write the storage refuses puts the stored figures back.
    const early = edits.every((e) => this.cleanAmount(e));
    return this.track(async () => {
      if (early) {
        this.apply(edits);
        this.changed();
      }
      const problems = await this.write(edits);
      if (problems.length > 0) {
        if (early) await this.reload();
        return problems;
      }
      if (!early) this.apply(edits);
      await this.written();
      return [];
    });
  }

  /** An amount the storage will take as typed (it refuses more decimals than the template keeps). */
  private cleanAmount(edit: CellEdit): boolean {
    if (edit.binding.def.type !== 'amount') return false;
    const parsed = parseAmount(edit.text, this.engine.book.template.money);
    return parsed.ok && !parsed.rounded;
  }

  /**
   * Runs a write of renderer/db other than a cell edit (a line added, deleted or moved, a unit's 数据包 taken in, a
   * code added) and, once it has committed, reads the book again.
   */
  async perform<T extends object>(write: (db: BudgetDb, bookId: string) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    return this.track(async () => {
      const outcome = await write(this.db, this.bookId);
      if (outcome.ok) await this.reload();
      return outcome;
    });
  }

  /**
   * Adds new records from pasted inputs (whole lines pasted from Excel) at `at` of the dataset's order, as one step.
   * Once it has committed they join the book in memory at their place and the engine is rebuilt once for all of
   * them, without reading the book back.
   */
  async pasteRecords(dataset: string, newRows: readonly Readonly<Record<string, string>>[], at: number): Promise<Outcome<Pasted>> {
    return this.track(async () => {
      const outcome = await pasteBlock(this.db, this.bookId, { dataset, cells: [], newRows, at });
      if (!outcome.ok) return outcome;
      const records = (this.file.data[dataset] ??= []);
      const index = outcome.after === undefined ? 0 : records.findIndex((r) => r.id === outcome.after) + 1;
      if (index === 0 && outcome.after !== undefined) {
        // The book in memory no longer matches the store (changed in another window): read it.
        await this.reload();
        return outcome;
      }
      records.splice(index, 0, ...outcome.inserted);
      // The history is read while the engine runs.
      const saved = this.written();
      this.restructured();
      await saved;
      return outcome;
    });
  }

  /**
   * Saves a text of the document (an empty one is removed), named `name` in 撤销/重做; resolves with the problems
   * when nothing was written.
   */
  async setText(key: string, value: string, name: string): Promise<readonly EditProblem[]> {
    return this.track(async () => {
      const outcome = await setText(this.db, this.bookId, key, value, name);
      if (!outcome.ok) return outcome.problems;
      const { [key]: _old, ...others } = this.file.text ?? {};
      this.file.text = value === '' ? others : { ...others, [key]: value };
      await this.written();
      this.contentChanged();
      return [];
    });
  }

  /** Marks a write in flight (正在保存…) until `work` is done; 已保存 once no write is left. */
  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.ownWrites++;
    this.save = { kind: 'saving' };
    this.changed();
    try {
      return await work();
    } catch (e) {
      this.save = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
      throw e;
    } finally {
      this.settle();
    }
  }

  /** After our own write: the undo history and the stamp that tells our writes from other windows'. */
  private async written(): Promise<void> {
    const [history, book] = await Promise.all([historyOf(this.db, this.bookId), this.db.books.get(this.bookId)]);
    this.history = history;
    this.lastKnownUpdate = book?.updatedAt ?? '';
  }

  /** One write fewer in flight. 已保存 only when none is left: an edit typed while another was saving is not on disk yet. */
  private settle(): void {
    this.ownWrites--;
    if (this.ownWrites === 0 && this.save.kind === 'saving') this.save = { kind: 'saved' };
    this.changed();
  }

  private async write(edits: readonly CellEdit[]): Promise<readonly EditProblem[]> {
    if (edits.length === 1) {
      const { binding, text } = edits[0]!;
      const outcome = await setField(this.db, this.bookId, { dataset: binding.dataset, id: binding.recordId, field: binding.field }, text);
      return outcome.ok ? [] : outcome.problems;
    }
    // A paste: one step per dataset it touches (most pastes touch one).
    const byDataset = new Map<string, { id: string; field: string; input: string }[]>();
    for (const { binding, text } of edits) {
      const list = byDataset.get(binding.dataset) ?? [];
      list.push({ id: binding.recordId, field: binding.field, input: text });
      byDataset.set(binding.dataset, list);
    }
    for (const [dataset, cells] of byDataset) {
      const outcome = await pasteBlock(this.db, this.bookId, { dataset, cells });
      if (!outcome.ok) return outcome.problems;
    }
    return [];
  }

  /** Brings the engine up to date with edits that are on disk: amounts incrementally, anything else by recomputing. */
  private apply(edits: readonly CellEdit[]): void {
    const money = this.engine.book.template.money;
    let structural = false;
    for (const { binding, text } of edits) {
      const record = this.file.data[binding.dataset]?.find((r) => r.id === binding.recordId);
      if (!record) continue;
      if (binding.def.type === 'amount') {
        const parsed = parseAmount(text, money);
        if (!parsed.ok) continue;
        if (parsed.value === 0) delete record[binding.field];
        else record[binding.field] = amountToPlain(parsed.value, money);
        // In the department view the engine's book is the department's; in a unit's view the department's copy is
        // refreshed from the file when the view changes.
        this.engine.setAmount(binding.dataset, binding.recordId, binding.field, parsed.value);
      } else {
        record[binding.field] = text.trim();
        structural = true;
      }
    }
    if (!structural) {
      this.content++;
      return;
    }
    this.restructured();
  }

  /** The book in memory changed beyond amounts: load it and run the engine again (read it back when it is not valid). */
  private restructured(): void {
    try {
      this.department = loadBook(this.file, findTemplate);
      this.rebuild();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      void this.reload();
    }
  }

  async undo(): Promise<string | undefined> {
    return this.travel(undo);
  }

  async redo(): Promise<string | undefined> {
    return this.travel(redo);
  }

  private async travel(step: typeof undo): Promise<string | undefined> {
    this.ownWrites++;
    try {
      const outcome = await step(this.db, this.bookId);
      if (!outcome.ok) return outcome.problems.map((p) => p.message).join('；');
      await this.reload();
      return undefined;
    } finally {
      this.settle();
    }
  }
}
