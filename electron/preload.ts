/**
 * The bridge the renderer sees as `window.budgetDesktop` (renderer/platform). It only forwards calls to main,
 * which validates every argument and does the work. Sandboxed preloads can require nothing but 'electron', so
 * everything from ./contract is imported as types only.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type {
  BackupEntry,
  Channel,
  ChannelArg,
  ChannelResults,
  COMMAND_CHANNEL,
  FileFilter,
  MenuCommand,
  OpenedFile,
  PdfRequest,
} from './contract';

function invoke<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResults[C]> {
  return ipcRenderer.invoke(channel, arg);
}

const commandChannel: typeof COMMAND_CHANNEL = 'budget:command';

const bridge = {
  kind: 'desktop' as const,
  saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<boolean> {
    return invoke('budget:save-file', { suggestedName, bytes, filters });
  },
  openFile(filters: FileFilter[]): Promise<OpenedFile | null> {
    return invoke('budget:open-file', { filters });
  },
  printToPdf(request: PdfRequest): Promise<Uint8Array> {
    return invoke('budget:print-to-pdf', request);
  },
  appVersion(): Promise<string> {
    return invoke('budget:app-version', undefined);
  },
  backups: {
    write(bookId: string, fileName: string, bytes: Uint8Array): Promise<void> {
      return invoke('budget:backup-write', { bookId, fileName, bytes });
    },
    list(bookId: string): Promise<BackupEntry[]> {
      return invoke('budget:backup-list', { bookId });
    },
    read(bookId: string, fileName: string): Promise<Uint8Array> {
      return invoke('budget:backup-read', { bookId, fileName });
    },
  },
  /** Calls `listener` for each menu command; returns the function that stops listening. */
  onCommand(listener: (command: MenuCommand) => void): () => void {
    const forward = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(commandChannel, forward);
    return () => {
      ipcRenderer.removeListener(commandChannel, forward);
    };
  },
};

export type DesktopBridge = typeof bridge;

contextBridge.exposeInMainWorld('budgetDesktop', bridge);
