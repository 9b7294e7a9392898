/**
 * The desktop bridge (electron/preload.ts, `window.budgetDesktop`) as the renderer sees it: the Platform plus the
 * commands of the Chinese application menu (文件/编辑/帮助), which the renderer carries out.
 */
import type { MenuCommand } from '../../electron/contract';
import type { DesktopBridge } from '../../electron/preload';
import type { Platform } from './platform';

// Fails the typecheck as soon as the preload's bridge stops implementing the Platform seam.
type Implements<T extends Platform> = T;
export type DesktopPlatform = Implements<DesktopBridge>;
export type { MenuCommand };

/**
 * Calls `listener` for each menu command ('new-book', 'open-book', 'export-book', 'export-workbook', 'export-pdf',
 * 'undo', 'redo', 'about'); returns the function that stops listening. In the browser there is no menu: it never
 * calls back.
 */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.budgetDesktop?.onCommand(listener) ?? (() => undefined);
}
