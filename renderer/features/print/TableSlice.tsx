/**
 * Rows [from, to) of a table as published: on its first slice 表N, the title, 部门名称 and 单位：万元; the header
 * rows and the 栏次 row in <thead>, which Chromium repeats on every page; rows that never split across pages;
 * the notes under the last row, kept on its page. Wide tables print on landscape pages.
 */
import type { TableView, ViewCell, ViewRow } from '../../../shared/engine/view';
import type { TocEntry } from '../../../shared/print/document';
import { type TableLayout, tableLayout } from '../../../shared/print/layout';
import type { JobBlock } from '../../../shared/print/plan';
import { Marker } from './Marker';
import { PartTitle } from './PartTitle';
import classes from './Print.module.css';

// The layout reads every row; slices of one table share it.
const layouts = new WeakMap<TableView, TableLayout>();
function layoutOf(view: TableView): TableLayout {
  let layout = layouts.get(view);
  if (!layout) layouts.set(view, (layout = tableLayout(view)));
  return layout;
}

function cellClass(cell: ViewCell): string | undefined {
  return cell.kind === 'amount' ? classes.amount : cell.kind === 'rate' ? classes.rate : undefined;
}

function renderRow(row: ViewRow, index: number, marked: boolean) {
  return (
    <tr key={index}>
      {row.cells.map((cell, c) => (
        <td key={c} className={cellClass(cell)}>
          {marked && c === 0 && <Marker kind="row" row={index} />}
          {cell.kind === 'blank' ? '' : cell.text}
        </td>
      ))}
    </tr>
  );
}

export function TableSlice({
  block,
  partTitle,
  newPage,
}: {
  block: Extract<JobBlock, { kind: 'table' }>;
  /** The heading of the part this table opens, printed above it on the same page. */
  partTitle: TocEntry | undefined;
  newPage: boolean;
}) {
  const { view, from, to } = block;
  const layout = layoutOf(view);
  const headerRows = Array.from({ length: view.headerDepth }, (_, r) => view.header.filter((h) => h.row === r));
  const rows = view.rows.slice(from, to);
  const closing = to === view.rows.length && view.notes.length > 0;
  const sectionClass = [view.orientation === 'landscape' && classes.landscape, newPage && classes.newPage].filter(Boolean).join(' ');
  return (
    <section className={sectionClass}>
      {partTitle && <PartTitle entry={partTitle} newPage={false} />}
      {from === 0 && (
        <header className={classes.tableHead}>
          <p className={classes.caption}>{view.caption}</p>
          <h2 className={classes.tableTitle}>
            <Marker kind="heading" entryId={block.entry.id}>
              {view.title}
            </Marker>
          </h2>
          <div className={classes.orgLine}>
            <span>{view.orgLine}</span>
            <span>{view.unitLine}</span>
          </div>
        </header>
      )}
      <table className={classes.table} style={{ fontSize: `${layout.fontPt}pt` }}>
        <colgroup>
          {layout.widths.map((w, i) => (
            <col key={i} style={{ width: `${w.toFixed(3)}%` }} />
          ))}
        </colgroup>
        <thead>
          {headerRows.map((cells, r) => (
            <tr key={r}>
              {cells.map((h) => (
                <th key={h.col} rowSpan={h.rowSpan} colSpan={h.colSpan}>
                  {h.label}
                </th>
              ))}
            </tr>
          ))}
          {view.colNoRow && (
            <tr className={classes.colNo}>
              {view.colNoRow.map((label, i) => (
                <th key={i}>{label}</th>
              ))}
            </tr>
          )}
        </thead>
        <tbody>{rows.slice(0, closing ? -1 : undefined).map((row, i) => renderRow(row, from + i, from + i >= block.markFrom))}</tbody>
        {closing && (
          // The last row and the notes in one unbreakable group: the notes never start a page of their own.
          <tbody className={classes.closing}>
            {rows.length > 0 && renderRow(rows.at(-1)!, to - 1, false)}
            <tr>
              <td className={classes.notes} colSpan={view.columns.length}>
                {view.notes.map((n, i) => (
                  <p key={i}>{n}</p>
                ))}
              </td>
            </tr>
          </tbody>
        )}
      </table>
    </section>
  );
}
