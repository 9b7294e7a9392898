/**
 * The grid's selection: an active cell and an anchor spanning a rectangle, moved the way spreadsheets move it
 * (arrows, Tab, Enter, Home/End, Ctrl+arrows to the edge of the data, Shift to extend).
 */
export interface CellPos {
  readonly row: number;
  readonly col: number;
}

export interface Selection {
  readonly active: CellPos;
  readonly anchor: CellPos;
  /** Set while Tab/Enter cycle inside a block: the block stays selected as the active cell moves through it. */
  readonly range?: Rect;
}

export interface Bounds {
  readonly rows: number;
  readonly cols: number;
}

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function at(row: number, col: number): Selection {
  return { active: { row, col }, anchor: { row, col } };
}

export function rect(sel: Selection): Rect {
  if (sel.range) return sel.range;
  return {
    top: Math.min(sel.active.row, sel.anchor.row),
    bottom: Math.max(sel.active.row, sel.anchor.row),
    left: Math.min(sel.active.col, sel.anchor.col),
    right: Math.max(sel.active.col, sel.anchor.col),
  };
}

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

function clamp(pos: CellPos, b: Bounds): CellPos {
  return { row: Math.max(0, Math.min(b.rows - 1, pos.row)), col: Math.max(0, Math.min(b.cols - 1, pos.col)) };
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'docStart' | 'docEnd' | 'pageUp' | 'pageDown';

/**
 * Moves the active cell; `extend` keeps the anchor (Shift). `jump` (Ctrl) goes to the edge of the run of filled
 * cells in that direction, as in Excel. `page` is the number of rows a Page Up/Down moves.
 */
export function move(sel: Selection, how: Move, b: Bounds, opts: { extend?: boolean; jump?: boolean; page?: number; filled?: (p: CellPos) => boolean } = {}): Selection {
  const { row, col } = sel.active;
  const step = (dr: number, dc: number): CellPos => {
    if (!opts.jump || !opts.filled) return { row: row + dr, col: col + dc };
    // Ctrl+arrow: to the last filled cell of this run, or the first filled cell of the next run, or the edge.
    let p = { row, col };
    const next = () => ({ row: p.row + dr, col: p.col + dc });
    const inside = (q: CellPos) => q.row >= 0 && q.row < b.rows && q.col >= 0 && q.col < b.cols;
    const startFilled = opts.filled(p) && inside(next()) && opts.filled(next());
    if (startFilled) {
      while (inside(next()) && opts.filled(next())) p = next();
    } else {
      p = next();
      while (inside(p) && !opts.filled(p) && inside(next())) p = next();
    }
    return p;
  };
  let target: CellPos;
  switch (how) {
    case 'up':
      target = step(-1, 0);
      break;
    case 'down':
      target = step(1, 0);
      break;
    case 'left':
      target = step(0, -1);
      break;
    case 'right':
      target = step(0, 1);
      break;
    case 'home':
      target = { row: opts.jump ? 0 : row, col: 0 };
      break;
    case 'end':
      target = { row: opts.jump ? b.rows - 1 : row, col: b.cols - 1 };
      break;
    case 'docStart':
      target = { row: 0, col: 0 };
      break;
    case 'docEnd':
      target = { row: b.rows - 1, col: b.cols - 1 };
      break;
    case 'pageUp':
      target = { row: row - (opts.page ?? 20), col };
      break;
    case 'pageDown':
      target = { row: row + (opts.page ?? 20), col };
      break;
  }
  const active = clamp(target, b);
  return { active, anchor: opts.extend ? sel.anchor : active };
}

/** Tab / Enter inside a multi-cell selection cycle within it, as in Excel; otherwise they move one cell. */
export function advance(sel: Selection, dir: 'next' | 'prev' | 'down' | 'up', b: Bounds): Selection {
  const r = rect(sel);
  const multi = r.top !== r.bottom || r.left !== r.right;
  const { row, col } = sel.active;
  if (!multi) {
    const how: Move = dir === 'next' ? 'right' : dir === 'prev' ? 'left' : dir;
    return move(sel, how, b);
  }
  const width = r.right - r.left + 1;
  const height = r.bottom - r.top + 1;
  const byRow = dir === 'next' || dir === 'prev';
  const forward = dir === 'next' || dir === 'down';
  let i = byRow ? (row - r.top) * width + (col - r.left) : (col - r.left) * height + (row - r.top);
  const n = width * height;
  i = (i + (forward ? 1 : -1) + n) % n;
  const active = byRow
    ? { row: r.top + Math.floor(i / width), col: r.left + (i % width) }
    : { row: r.top + (i % height), col: r.left + Math.floor(i / height) };
  return { active, anchor: sel.anchor, range: r };
}
