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

/** A saved copy of a book file. */
export interface BackupEntry {
  fileName: string;
  /** ISO time of the save. */
  savedAt: string;
  size: number;
}

/** Options of a PDF produced from the print view (the same for Chromium's page.pdf and Electron's printToPDF). */
export interface PdfRequest {
  landscape: boolean;
  /** Page numbers in the footer, e.g. `第 {page} 页 / 共 {pages} 页`. */
  footer: string;
}

export interface Platform {
  readonly kind: 'web' | 'desktop';
  /** Saves bytes where the officer chooses; resolves false when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<boolean>;
  /** Lets the officer pick a file; resolves null when cancelled. */
  openFile(filters: FileFilter[]): Promise<OpenedFile | null>;
  appVersion(): Promise<string>;
  /**
   * Rolling backups in the user data folder (desktop only; in the browser renderer/db keeps them in IndexedDB).
   */
  readonly backups?: {
    write(bookId: string, fileName: string, bytes: Uint8Array): Promise<void>;
    list(bookId: string): Promise<BackupEntry[]>;
    read(bookId: string, fileName: string): Promise<Uint8Array>;
  };
  /** Prints the current window's print view to PDF (desktop only; the browser uses its print dialog). */
  printToPdf?(request: PdfRequest): Promise<Uint8Array>;
}
