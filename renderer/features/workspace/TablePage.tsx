/**
 * One table of the book in the grid: entered cells typed in place (through the session), derived cells read-only
 * with their origin shown, failed checks marked on their cells.
 */
import { useMemo } from 'react';
import type { Failure } from '../../../shared/engine/checks';
import { type CellChange, type CommitResult, Grid } from '../grid/Grid';
import type { Selection } from '../grid/selection';
import type { BookSession, CellEdit } from './session';

export interface CellFocus {
  readonly rowId: string;
  readonly columnKey?: string;
}

export function TablePage(props: {
  session: BookSession;
  tableId: string;
  focus?: CellFocus | undefined;
  onSelection(sel: Selection): void;
  failures: readonly Failure[];
  onMessage(text: string): void;
}) {
  const { session, tableId } = props;
  const view = session.view(tableId);
  const version = session.version;

  // Bindings are asked for every visible cell on every render: computed once per version of the book.
  const bindings = useMemo(() => {
    const cache = new Map<string, ReturnType<BookSession['binding']> | null>();
    return (row: number, col: number) => {
      const key = `${row},${col}`;
      let b = cache.get(key);
      if (b === undefined) {
        b = session.binding(tableId, view.rows[row]!.id, view.columns[col]!.key) ?? null;
        cache.set(key, b);
      }
      return b ?? undefined;
    };
  }, [session, tableId, view, version]);

  const marks = useMemo(() => {
    const m = new Map<string, 'error' | 'warning'>();
    for (const f of props.failures) {
      if (f.tableId !== tableId || !f.rowId || !f.columnKey) continue;
      const key = `${f.rowId}|${f.columnKey}`;
      if (f.severity === '强制' || !m.has(key)) m.set(key, f.severity === '强制' ? 'error' : 'warning');
    }
    return m;
  }, [props.failures, tableId]);

  const focus = useMemo(() => {
    if (!props.focus) return undefined;
    const row = view.rows.findIndex((r) => r.id === props.focus!.rowId);
    const col = props.focus.columnKey ? view.columns.findIndex((c) => c.key === props.focus!.columnKey) : 0;
    return row >= 0 ? { row, col: Math.max(0, col) } : undefined;
  }, [props.focus, view]);

  const editText = (row: number, col: number): string => {
    const b = bindings(row, col);
    if (!b) return '';
    const record = session.bookFile.data[b.dataset]?.find((r) => r.id === b.recordId);
    return record?.[b.field] ?? '';
  };

  const onCommit = async (changes: CellChange[]): Promise<CommitResult> => {
    const edits: CellEdit[] = [];
    for (const c of changes) {
      const binding = bindings(c.row, c.col);
      if (binding) edits.push({ binding, text: c.text });
    }
    const problems = await session.commit(edits);
    if (problems.length === 0) return { ok: true };
    const first = problems[0]!;
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : '';
    return { ok: false, message: `${first.message}${more}` };
  };

  return (
    <Grid
      key={`${tableId}:${session.scope}`}
      view={view}
      label={`${view.caption} ${view.title}`}
      isEditable={(r, c) => bindings(r, c) !== undefined}
      editText={editText}
      markOf={(r, c) => marks.get(`${view.rows[r]!.id}|${view.columns[c]!.key}`)}
      onCommit={onCommit}
      onSelectionChange={props.onSelection}
      onUndo={() => void session.undo().then((m) => m && props.onMessage(m))}
      onRedo={() => void session.redo().then((m) => m && props.onMessage(m))}
      focus={focus}
    />
  );
}
