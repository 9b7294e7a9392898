/** Chooses the platform: the desktop bridge when the preload script exposed it, the browser otherwise. */
import type { DesktopPlatform } from './desktop';
import type { Platform } from './platform';
import { webPlatform } from './web';

declare global {
  interface Window {
    /** Set by electron/preload.ts through contextBridge. */
    budgetDesktop?: DesktopPlatform;
  }
}

export const platform: Platform = window.budgetDesktop ?? webPlatform;
export type { BackupEntry, FileFilter, OpenedFile, PdfRequest, Platform } from './platform';
