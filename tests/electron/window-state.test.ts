import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseWindowState,
  placeWindow,
  readWindowState,
  type WindowState,
  writeWindowState,
} from '../../electron/window-state';

const saved: WindowState = { x: 100, y: 80, width: 1400, height: 900, maximized: false };
const fullHd = { x: 0, y: 0, width: 1920, height: 1040 };

describe('window state file', () => {
  it('round-trips through the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'window-state-'));
    try {
      const file = path.join(dir, 'window-state.json');
      writeWindowState(file, { ...saved, maximized: true });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...saved, maximized: true });
      expect(readWindowState(file)).toEqual({ ...saved, maximized: true });
      expect(readWindowState(path.join(dir, 'missing.json'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['not JSON', '{"x":1,'],
    ['an array', '[1,2,3,4]'],
    ['null', 'null'],
    ['a missing field', JSON.stringify({ x: 1, y: 1, width: 1200, maximized: false })],
    ['a string number', JSON.stringify({ ...saved, width: '1400' })],
    ['a fraction', JSON.stringify({ ...saved, x: 10.5 })],
    ['a size below the minimum', JSON.stringify({ ...saved, width: 200 })],
    ['an absurd size', JSON.stringify({ ...saved, height: 1e9 })],
    ['an absurd position', JSON.stringify({ ...saved, x: -1e7 })],
    ['an unknown field', JSON.stringify({ ...saved, fullscreen: true })],
    ['maximized as text', JSON.stringify({ ...saved, maximized: 'yes' })],
  ])('rejects %s', (_what, text) => {
    expect(parseWindowState(text)).toBeUndefined();
  });
});

describe('window placement', () => {
  it('opens at the default size, fitted to a small screen, when nothing is saved', () => {
    expect(placeWindow(undefined, [fullHd])).toEqual({ width: 1280, height: 800, maximized: false });
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1366, height: 728 }])).toEqual({
      width: 1280,
      height: 728,
      maximized: false,
    });
  });

  it('restores a saved position that is on a display, including a second display', () => {
    expect(placeWindow(saved, [fullHd])).toEqual(saved);
    const right = { ...saved, x: 2100 };
    expect(placeWindow(right, [fullHd, { x: 1920, y: 0, width: 1920, height: 1040 }])).toEqual(right);
  });

  it('drops a position on a display that is gone, keeping size and maximized', () => {
    const gone = { ...saved, x: 2100, maximized: true };
    expect(placeWindow(gone, [fullHd])).toEqual({ width: 1400, height: 900, maximized: true });
  });

  it('drops a position that leaves only a sliver of the window on screen', () => {
    expect(placeWindow({ ...saved, x: 1860 }, [fullHd])).toEqual({ width: 1400, height: 900, maximized: false });
    expect(placeWindow({ ...saved, x: 1700 }, [fullHd])).toEqual({ ...saved, x: 1700 });
  });
});
