/**
 * The browser's storage for this app: asking it to keep the data even when the disk runs low (persist), and how
 * much is used, for the officer to see. In the desktop app both still apply to the app's own profile.
 */
export type Persistence = 'granted' | 'denied' | 'unsupported';

function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Asks the browser not to evict this app's data under storage pressure. */
export async function requestPersistence(storage = storageManager()): Promise<Persistence> {
  if (!storage?.persist) return 'unsupported';
  if (await storage.persisted?.()) return 'granted';
  return (await storage.persist()) ? 'granted' : 'denied';
}

export interface StorageUse {
  readonly usage: number;
  readonly quota: number;
}

export async function storageUse(storage = storageManager()): Promise<StorageUse | undefined> {
  if (!storage?.estimate) return undefined;
  const { usage, quota } = await storage.estimate();
  return usage === undefined || quota === undefined ? undefined : { usage, quota };
}

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}

/** `已用 12.3 MB，共可用 2.0 GB` (with a warning when more than 80% is used). */
export function describeStorageUse(use: StorageUse): string {
  const text = `已用 ${bytes(use.usage)}，共可用 ${bytes(use.quota)}`;
  return use.quota > 0 && use.usage / use.quota > 0.8 ? `${text}。存储空间将满，请导出数据包备份并清理不用的账套` : text;
}

export function describePersistence(p: Persistence): string {
  switch (p) {
    case 'granted':
      return '浏览器已同意长期保存本程序的数据';
    case 'denied':
      return '浏览器未同意长期保存：磁盘空间不足时数据可能被清除，请定期导出数据包';
    case 'unsupported':
      return '此浏览器不支持长期保存设置，请定期导出数据包';
  }
}
