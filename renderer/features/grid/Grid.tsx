/**
 * A spreadsheet-like grid over a printed table (TableView): the published header tree and 栏次 row, rows drawn only
 * where visible (virtualised), a selection moved with the keys officers know from Excel/WPS, in-place editing of
 * entered cells, and tab-separated copy/paste. One <input> keeps the focus at all times, hidden while not editing,
 * so that an input method can start composing Chinese at once and nothing is committed before composition ends.
 */
import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TableView, ViewCell } from '../../../shared/engine/view';
import { parseTsv, toTsv } from './clipboard';
import { inColumnUnit } from './units';
import classes from './Grid.module.css';
import { advance, type Bounds, type CellPos, contains, type Move, move, type Rect, rect, type Selection, at } from './selection';
import { evenExtents, reveal, useViewport, visibleRange } from './virtual';

export const ROW_HEIGHT = 28;
const OVERSCAN = 12;

export interface CellChange {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export type CommitResult = { ok: true } | { ok: false; message: string; at?: CellPos };

export interface GridProps {
  view: TableView;
  /** Whether a cell can be typed into (an entered field). */
  isEditable(row: number, col: number): boolean;
  /** The text to start editing from (F2, double click): amounts without separators. */
  editText(row: number, col: number): string;
  /** Failed checks on a cell. */
  markOf?(row: number, col: number): 'error' | 'warning' | undefined;
  /** Writes typed or pasted cells; resolves when saved, or with a message that keeps the editor open. */
  onCommit(changes: CellChange[]): Promise<CommitResult>;
  onSelectionChange?(sel: Selection): void;
  onUndo?(): void;
  onRedo?(): void;
  /** Moves the selection here when it changes (a click in the checks panel), spanning `range` when given. */
  focus?: (CellPos & { readonly range?: Rect }) | undefined;
  /** Accessible name, e.g. the table title. */
  label: string;
}

type Editing = { mode: 'enter' | 'edit'; at: CellPos } | null;

/** Pixel width of a text at the grid's 13 px font: CJK characters are square, digits and Latin about half. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 13 : 7.5;
  return w;
}

/**
 * Wide enough for the column's leaf label (on one line up to 8 characters, longer ones wrapped into the two lines a
 * header row holds), its 栏次 label on one line, and the content of its first rows, within sensible bounds.
 */
function columnWidth(view: TableView, i: number): number {
  const label = view.columns[i]!.label;
  const leaf = view.header.find((h) => h.col === i && h.colSpan === 1 && h.row + h.rowSpan === view.headerDepth);
  const lines = 2 * (leaf?.rowSpan ?? 1);
  let content = Math.min(textWidth(label), Math.max(8 * 13, textWidth(label) / lines + 13));
  content = Math.max(content, textWidth(view.colNoRow?.[i] ?? ''));
  const sample = Math.min(view.rows.length, 400);
  for (let r = 0; r < sample; r++) content = Math.max(content, textWidth(cellText(view.rows[r]!.cells[i])));
  return Math.round(Math.min(300, Math.max(56, content + 16)));
}

function cellText(c: ViewCell | undefined): string {
  return !c || c.kind === 'blank' ? '' : c.text;
}

export function Grid(props: GridProps) {
  const { view } = props;
  const bounds: Bounds = { rows: view.rows.length, cols: view.columns.length };
  const widths = useMemo(() => view.columns.map((_, i) => columnWidth(view, i)), [view]);
  const template = widths.map((w) => `${w}px`).join(' ');
  const left = useMemo(() => widths.reduce<number[]>((acc, w, i) => [...acc, (acc[i] ?? 0) + w], [0]), [widths]);
  const headerRows = view.headerDepth + (view.colNoRow ? 1 : 0);
  const headerHeight = headerRows * ROW_HEIGHT;

  const scroller = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [sel, setSel] = useState<Selection>(() => at(0, 0));
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<{ text: string; at: CellPos } | null>(null);
  const { viewport: scroll, onScroll } = useViewport(scroller);
  const composing = useRef(false);
  const dragging = useRef(false);

  const select = useCallback(
    (next: Selection) => {
      setSel(next);
      props.onSelectionChange?.(next);
    },
    [props.onSelectionChange],
  );

  // Keep the active cell in view.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const top = sel.active.row * ROW_HEIGHT;
    reveal(el, top, top + ROW_HEIGHT, headerHeight);
    const x = left[sel.active.col]!;
    const w = widths[sel.active.col]!;
    if (x < el.scrollLeft) el.scrollLeft = x;
    else if (x + w > el.scrollLeft + el.clientWidth) el.scrollLeft = x + w - el.clientWidth;
  }, [sel.active, headerHeight, left, widths]);

  useEffect(() => {
    if (props.focus) {
      const p = { row: Math.min(props.focus.row, bounds.rows - 1), col: Math.min(props.focus.col, bounds.cols - 1) };
      const range = props.focus.range;
      select(range ? { active: p, anchor: p, range } : at(p.row, p.col));
      input.current?.focus();
    }
    // Only when the requested focus changes.
  }, [props.focus]);

  const { first, last } = visibleRange(evenExtents(bounds.rows, ROW_HEIGHT), scroll, OVERSCAN);
  const range = rect(sel);

  const startEditing = (mode: 'enter' | 'edit', initial: string) => {
    const { row, col } = sel.active;
    if (!props.isEditable(row, col)) {
      setMessage({ text: '此单元格由其他数据推导，不能直接修改', at: sel.active });
      return false;
    }
    setMessage(null);
    setEditing({ mode, at: sel.active });
    if (input.current) input.current.value = initial;
    return true;
  };

  /** Typed and pasted cells, each figure counted in its column's unit. */
  const handOn = (changes: CellChange[]) =>
    props.onCommit(changes.map((c) => ({ ...c, text: inColumnUnit(c.text, view.columns[c.col]!, view.formats[c.col]!) })));

  /**
   * Leaves the cell at once, as a spreadsheet does, so that keys typed while the edit is being saved go to the next
   * cell instead of being appended to this one. When the edit is refused, the cell is reopened with what was typed
   * and the reason.
   */
  const commit = async (then?: Selection): Promise<void> => {
    if (!editing || !input.current) return;
    const text = input.current.value;
    const done = editing;
    setEditing(null);
    setMessage(null);
    input.current.value = '';
    if (then) select(then);
    const result = await handOn([{ ...done.at, text }]);
    if (!result.ok) {
      select(at(done.at.row, done.at.col));
      setEditing(done);
      if (input.current) input.current.value = text;
      setMessage({ text: result.message, at: done.at });
    }
  };

  const cancel = () => {
    setEditing(null);
    setMessage(null);
    if (input.current) input.current.value = '';
  };

  const filled = (p: CellPos) => cellText(view.rows[p.row]?.cells[p.col]) !== '';

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Never act on keys that belong to an input method's composition (Enter picks a candidate there).
    if (composing.current || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor((scroll.height - headerHeight) / ROW_HEIGHT) - 1);
    const go = (next: Selection) => {
      e.preventDefault();
      if (editing) void commit(next);
      else select(next);
    };
    if (editing) {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
        return;
      }
      if (e.key === 'Enter') return go(advance(sel, e.shiftKey ? 'up' : 'down', bounds));
      if (e.key === 'Tab') return go(advance(sel, e.shiftKey ? 'prev' : 'next', bounds));
      // In 输入 mode (typing replaced the cell) arrows leave the cell as in Excel; in 编辑 mode (F2) they move the caret.
      if (editing.mode === 'enter' && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
        const how = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[e.key as 'ArrowUp'];
        return go(move(sel, how, bounds));
      }
      return;
    }
    const moves: Record<string, Move> = {
      ArrowUp: 'up',
      ArrowDown: 'down',
      ArrowLeft: 'left',
      ArrowRight: 'right',
      Home: 'home',
      End: 'end',
      PageUp: 'pageUp',
      PageDown: 'pageDown',
    };
    const how = moves[e.key];
    if (how) return go(move(sel, how, bounds, { extend: e.shiftKey, jump: ctrl, page, filled }));
    if (e.key === 'Tab') return go(advance(sel, e.shiftKey ? 'prev' : 'next', bounds));
    if (e.key === 'Enter') return go(advance(sel, e.shiftKey ? 'up' : 'down', bounds));
    if (e.key === 'F2') {
      e.preventDefault();
      startEditing('edit', props.editText(sel.active.row, sel.active.col));
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void clear();
      return;
    }
    if (ctrl && (e.key === 'z' || e.key === 'Z')) {
      e.preventDefault();
      if (e.shiftKey) props.onRedo?.();
      else props.onUndo?.();
      return;
    }
    if (ctrl && (e.key === 'y' || e.key === 'Y')) {
      e.preventDefault();
      props.onRedo?.();
      return;
    }
    if (ctrl && (e.key === 'a' || e.key === 'A')) {
      e.preventDefault();
      select({ active: { row: 0, col: 0 }, anchor: { row: bounds.rows - 1, col: bounds.cols - 1 } });
      return;
    }
    // A printable key starts 输入 mode: the cell's content is replaced by what is typed (the key itself lands in
    // the emptied input through the default action).
    if (!ctrl && !e.altKey && e.key.length === 1) {
      if (!startEditing('enter', '')) e.preventDefault();
    }
  };

  const clear = async () => {
    const changes: CellChange[] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) if (props.isEditable(r, c)) changes.push({ row: r, col: c, text: '' });
    }
    if (changes.length === 0) {
      setMessage({ text: '所选单元格由其他数据推导，不能清除', at: sel.active });
      return;
    }
    const result = await handOn(changes);
    setMessage(result.ok ? null : { text: result.message, at: result.at ?? sel.active });
  };

  const onCopy = (e: React.ClipboardEvent<HTMLInputElement>) => {
    if (editing) return;
    e.preventDefault();
    const rows: string[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const cells = view.rows[r]!.cells;
      const out: string[] = [];
      for (let c = range.left; c <= range.right; c++) out.push(cellText(cells[c]));
      rows.push(out);
    }
    e.clipboardData.setData('text/plain', toTsv(rows));
  };

  const onPaste = async (e: React.ClipboardEvent<HTMLInputElement>) => {
    if (editing) return;
    e.preventDefault();
    const block = parseTsv(e.clipboardData.getData('text/plain'));
    const changes: CellChange[] = [];
    let skipped = 0;
    block.forEach((cells, i) => {
      cells.forEach((text, j) => {
        const row = sel.active.row + i;
        const col = sel.active.col + j;
        if (row >= bounds.rows || col >= bounds.cols) return;
        if (props.isEditable(row, col)) changes.push({ row, col, text });
        else if (text !== '' && text !== cellText(view.rows[row]!.cells[col])) skipped++;
      });
    });
    if (changes.length === 0) {
      setMessage({ text: '粘贴区域没有可编辑的单元格', at: sel.active });
      return;
    }
    const result = await handOn(changes);
    if (!result.ok) setMessage({ text: result.message, at: result.at ?? sel.active });
    else {
      setMessage(skipped > 0 ? { text: `已粘贴；${skipped} 个由推导得出的单元格未改动`, at: sel.active } : null);
      const lastRow = Math.min(bounds.rows - 1, sel.active.row + block.length - 1);
      const lastCol = Math.min(bounds.cols - 1, sel.active.col + Math.max(...block.map((b) => b.length)) - 1);
      select({ active: sel.active, anchor: { row: lastRow, col: lastCol } });
    }
  };

  const cellFromEvent = (e: React.MouseEvent): CellPos | null => {
    const target = (e.target as HTMLElement).closest('[data-cell]');
    if (!target) return null;
    const [row, col] = target.getAttribute('data-cell')!.split(',').map(Number) as [number, number];
    return { row, col };
  };

  const onMouseDown = (e: React.MouseEvent) => {
    const p = cellFromEvent(e);
    if (!p) return;
    e.preventDefault();
    if (editing) void commit();
    dragging.current = true;
    select(e.shiftKey ? { active: p, anchor: sel.anchor } : at(p.row, p.col));
    input.current?.focus();
  };

  const onMouseMove = (e: React.MouseEvent) => {
    if (!dragging.current) return;
    const p = cellFromEvent(e);
    if (p && (p.row !== sel.active.row || p.col !== sel.active.col)) select({ active: p, anchor: sel.anchor });
  };

  const editorAt = editing?.at ?? sel.active;
  const editorStyle = {
    top: headerHeight + editorAt.row * ROW_HEIGHT,
    left: left[editorAt.col],
    width: widths[editorAt.col],
    height: ROW_HEIGHT,
  };

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      onScroll={onScroll}
      onMouseDown={onMouseDown}
      onMouseMove={onMouseMove}
      onMouseUp={() => (dragging.current = false)}
      onDoubleClick={() => startEditing('edit', props.editText(sel.active.row, sel.active.col)) && input.current?.focus()}
      role="grid"
      aria-label={props.label}
      aria-rowcount={bounds.rows}
      aria-colcount={bounds.cols}
    >
      <div className={classes.header} style={{ gridTemplateColumns: template, gridTemplateRows: `repeat(${headerRows}, ${ROW_HEIGHT}px)`, width: left[bounds.cols] }}>
        {view.header.map((h) => (
          <div
            key={`${h.row}-${h.col}`}
            className={classes.headerCell}
            role="columnheader"
            style={{ gridRow: `${h.row + 1} / span ${h.rowSpan}`, gridColumn: `${h.col + 1} / span ${h.colSpan}` }}
          >
            {h.label}
          </div>
        ))}
        {view.colNoRow?.map((label, i) => (
          <div key={`no-${i}`} className={`${classes.headerCell} ${classes.colNo}`} style={{ gridRow: headerRows, gridColumn: i + 1 }}>
            {label}
          </div>
        ))}
      </div>
      <div className={classes.body} style={{ height: bounds.rows * ROW_HEIGHT, width: left[bounds.cols] }}>
        {view.rows.slice(first, last).map((row, k) => {
          const r = first + k;
          const total = row.level === '合计' || row.id === 'total';
          return (
            <div key={row.id + r} className={`${classes.row} ${total ? classes.totalRow : ''}`} role="row" aria-rowindex={r + 1} style={{ top: r * ROW_HEIGHT, gridTemplateColumns: template, height: ROW_HEIGHT, lineHeight: `${ROW_HEIGHT - 1}px` }}>
              {row.cells.map((cell, c) => {
                const editable = props.isEditable(r, c);
                const mark = props.markOf?.(r, c);
                const cls = [
                  classes.cell,
                  cell.kind === 'amount' || cell.kind === 'rate' ? classes.amount : '',
                  editable ? classes.editable : classes.derived,
                  contains(range, r, c) && (range.top !== range.bottom || range.left !== range.right) ? classes.selected : '',
                  mark ? classes[mark] : '',
                  sel.active.row === r && sel.active.col === c ? classes.active : '',
                ].join(' ');
                return (
                  <div key={c} className={cls} data-cell={`${r},${c}`} role="gridcell" aria-selected={contains(range, r, c)} aria-readonly={!editable} title={cellText(cell)}>
                    {cellText(cell)}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
      <input
        ref={input}
        className={`${classes.input} ${editing ? '' : classes.idle}`}
        style={editorStyle}
        aria-label={editing ? '编辑单元格' : '表格'}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
          // An input method starting on a selected cell begins 输入 mode; the composition goes into the empty input.
          if (!editing && !startEditing('enter', '')) input.current?.blur();
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        onCopy={onCopy}
        onPaste={(e) => void onPaste(e)}
        onBlur={() => {
          if (editing && !composing.current) void commit();
        }}
        autoFocus
      />
      {message && (
        <div className={classes.message} role="alert" style={{ top: headerHeight + (message.at.row + 1) * ROW_HEIGHT + 2, left: left[message.at.col] }}>
          {message.text}
        </div>
      )}
    </div>
  );
}
