/**
 * The main window's size and position, kept in <userData>/window-state.json. The file is checked on read: a
 * damaged or hand-edited file, or a position on a monitor that is no longer attached, falls back to defaults.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const MIN_SIZE = { width: 960, height: 600 } as const;
const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
// A window must show at least this much of itself on some display to be reachable with the mouse.
const MIN_VISIBLE = { width: 120, height: 60 } as const;

const windowStateSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(MIN_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_SIZE.height).max(20_000),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the window opens: a size, and a position only when the saved one is still on screen. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export function parseWindowState(text: string): WindowState | undefined {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function readWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(state)}\n`);
  renameSync(partial, file);
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** `workAreas`: the work areas of the attached displays, the primary one first. */
export function placeWindow(saved: WindowState | undefined, workAreas: Rectangle[]): WindowPlacement {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }) => ({
    width: primary ? Math.min(size.width, primary.width) : size.width,
    height: primary ? Math.min(size.height, primary.height) : size.height,
  });
  if (!saved) return { ...fit(DEFAULT_SIZE), maximized: false };
  const visible = workAreas.some((area) => {
    const o = overlap(saved, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  if (!visible) return { ...fit(saved), maximized: saved.maximized };
  return { x: saved.x, y: saved.y, width: saved.width, height: saved.height, maximized: saved.maximized };
}
