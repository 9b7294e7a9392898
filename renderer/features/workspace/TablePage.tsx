/**
 * One table of the book in the grid: entered cells typed in place (through the session), derived cells read-only
 * with their origin shown under the grid, failed checks marked on their cells. An entry table has its line commands
 * above the grid (see renderer/features/lines).
 */
import { Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Failure } from '../../../shared/engine/checks';
import type { Row } from '../../../shared/engine/model';
import type { RecordRef } from '../../db';
import { type CellChange, type CommitResult, Grid } from '../grid/Grid';
import { rect, type Selection } from '../grid/selection';
import { lineTable } from '../lines/lineTable';
import { useLineTools } from '../lines/LineTools';
import type { CellTarget } from './cellLabel';
import { EmptyMark, emptyMarkKey } from './EmptyMark';
import { OriginPanel } from './OriginPanel';
import { lineOfRow } from './places';
import type { BookSession, CellEdit } from './session';
import classes from './Workspace.module.css';

/** A request to select cells of a table: the active one, and others the selection spans with it. */
export interface CellFocus {
  readonly tableId: string;
  readonly rowId: string;
  readonly columnKey?: string;
  readonly span?: readonly { readonly rowId: string; readonly columnKey?: string }[];
}

export function TablePage(props: {
  session: BookSession;
  tableId: string;
  focus?: CellFocus | undefined;
  onSelection(sel: Selection): void;
  failures: readonly Failure[];
  onMessage(text: string): void;
  /** Moves to a cell of this or another table. */
  onJump(cell: CellTarget): void;
}) {
  const { session, tableId } = props;
  const view = session.view(tableId);
  const version = session.version;
  const model = session.currentEngine.model;
  const table = model.tableById.get(tableId)!;
  const [selection, setSelection] = useState<Selection | null>(null);
  const lines = useMemo(() => (table.manual ? undefined : lineTable(session.book.template, tableId)), [session.book.template, tableId, table.manual]);

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

  // Recomputed for a new request only: the grid moves its selection whenever this object changes, and a view changed
  // by an edit must not pull the selection back to the last requested cell while the officer types elsewhere.
  // A request for another table waits for it: the page changes a moment after the request is made.
  const focus = useMemo(() => {
    if (props.focus?.tableId !== tableId) return undefined;
    const position = ({ rowId, columnKey }: Omit<CellFocus, 'tableId'>) => {
      const row = lineOfRow(view, rowId);
      const col = columnKey ? view.columns.findIndex((c) => c.key === columnKey) : 0;
      return row >= 0 ? { row, col: Math.max(0, col) } : undefined;
    };
    const active = position(props.focus);
    if (!active) return undefined;
    const cells = [active, ...(props.focus.span ?? []).flatMap((c) => position(c) ?? [])];
    if (cells.length === 1) return active;
    const rows = cells.map((c) => c.row);
    const cols = cells.map((c) => c.col);
    return { ...active, range: { top: Math.min(...rows), bottom: Math.max(...rows), left: Math.min(...cols), right: Math.max(...cols) } };
  }, [props.focus, tableId]);

  const editText = (row: number, col: number): string => {
    const b = bindings(row, col);
    if (!b) return '';
    const record = session.bookFile.data[b.dataset]?.find((r) => r.id === b.recordId);
    return record?.[b.field] ?? '';
  };

  const onCommit = async (changes: CellChange[]): Promise<CommitResult> => {
    const edits: (CellEdit & CellChange)[] = [];
    for (const c of changes) {
      const binding = bindings(c.row, c.col);
      if (binding) edits.push({ ...c, binding });
    }
    const problems = await session.commit(edits);
    if (problems.length === 0) return { ok: true };
    const first = problems[0]!;
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : '';
    // The message goes under the cell it is about.
    const cell = edits.find((e) => e.binding.dataset === first.dataset && e.binding.recordId === first.id && e.binding.field === first.field);
    return { ok: false, message: `${first.message}${more}`, ...(cell ? { at: { row: cell.row, col: cell.col } } : {}) };
  };

  const rowAt = (i: number): Row | undefined => table.rowById.get(view.rows[i]?.id ?? '');
  const active = selection ? rowAt(selection.active.row) : undefined;
  const activeColumn = selection ? view.columns[selection.active.col]?.key : undefined;

  /** After a line command: the selection goes to the line's row, on its first cell the officer types. */
  const focusRecord = (ref: RecordRef) => {
    const fresh = session.currentEngine.model;
    const row = fresh.tableById.get(tableId)?.rows.find((r) => r.visible && fresh.rowRecords.get(r)?.some((rec) => rec.dataset === ref.dataset && rec.id === ref.id));
    if (!row) return;
    const column = view.columns.find((c) => c.type === 'amount' && session.binding(tableId, row.id, c.key)) ?? view.columns[0];
    props.onJump({ tableId, rowId: row.id, ...(column ? { columnKey: column.key } : {}) });
  };

  const tools = useLineTools({
    session,
    lines,
    place: () => {
      const r = selection ? rect(selection) : undefined;
      const selected: Row[] = [];
      if (r) for (let i = r.top; i <= r.bottom; i++) if (rowAt(i)) selected.push(rowAt(i)!);
      return { active, selected };
    },
    labels: view.columns.map((c) => c.label),
    onMessage: props.onMessage,
    onFocusRecord: focusRecord,
  });

  const markedEmpty = session.texts[emptyMarkKey(tableId)] !== undefined;
  const noLinesYet = lines && !markedEmpty && (session.currentEngine.book.records.get(lines.dataset) ?? []).length === 0;
  return (
    <div className={classes.tablePage}>
      {lines && (
        <div className={classes.toolbar}>
          {tools.toolbar}
          {noLinesYet && (
            <Text size="sm" c="dimmed">
              {session.scope ? '本单位' : '本部门'}还没有{lines.def.label}数据：选中要填报的位置，按 Ctrl+Enter 或点“新增行”开始。
            </Text>
          )}
        </div>
      )}
      <EmptyMark session={session} tableId={tableId} />
      <div className={classes.gridBox} onKeyDownCapture={tools.onKeyDownCapture} onPasteCapture={tools.onPasteCapture}>
        <Grid
          key={`${tableId}:${session.scope}`}
          view={view}
          label={`${view.caption} ${view.title}`}
          isEditable={(r, c) => bindings(r, c) !== undefined}
          editText={editText}
          markOf={(r, c) => marks.get(`${view.rows[r]!.id}|${view.columns[c]!.key}`)}
          onCommit={onCommit}
          onSelectionChange={(sel) => {
            setSelection(sel);
            props.onSelection(sel);
          }}
          onUndo={() => void session.undo().then((m) => m && props.onMessage(m))}
          onRedo={() => void session.redo().then((m) => m && props.onMessage(m))}
          focus={focus}
        />
      </div>
      <OriginPanel session={session} tableId={tableId} rowId={active?.id} columnKey={activeColumn} onJump={props.onJump} />
      {tools.dialogs}
    </div>
  );
}
