/**
 * What the UI needs from the machine, with one implementation for the desktop shell (through the preload bridge)
 * and one for the browser. The UI calls only this interface.
 */
export interface FileFilter {
  /** Shown to the officer, e.g. 数据包. */
  name: string;
  /** Extensions without the dot, e.g. ['json']. */
  extensions: string[];
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Platform {
  readonly kind: 'web' | 'desktop';
  /** Saves bytes where the officer chooses; resolves false when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<boolean>;
  /** Lets the officer pick a file; resolves null when cancelled. */
  openFile(filters: FileFilter[]): Promise<OpenedFile | null>;
  appVersion(): Promise<string>;
}
