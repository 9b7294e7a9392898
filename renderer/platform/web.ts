/** The browser implementation: downloads for saving, a file input for opening. */
import type { FileFilter, OpenedFile, Platform } from './platform';

function accept(filters: FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
}

export const webPlatform: Platform = {
  kind: 'web',
  async saveFile(suggestedName, bytes) {
    const url = URL.createObjectURL(new Blob([bytes.slice()]));
    const a = document.createElement('a');
    a.href = url;
    a.download = suggestedName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  },
  openFile(filters) {
    return new Promise<OpenedFile | null>((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept(filters);
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        resolve(file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
      });
      input.addEventListener('cancel', () => resolve(null));
      input.click();
    });
  },
  async appVersion() {
    return __APP_VERSION__;
  },
};
