import { describe, expect, it } from 'vitest';
import { describePersistence, describeStorageUse, requestPersistence, storageUse } from './storage';

function storage(persisted: boolean, grant: boolean, estimate?: StorageEstimate): StorageManager {
  return {
    persisted: async () => persisted,
    persist: async () => grant,
    estimate: async () => estimate ?? {},
    getDirectory: async () => {
      throw new Error('unused');
    },
  } as StorageManager;
}

describe('browser storage', () => {
  it('asks to keep the data, once', async () => {
    expect(await requestPersistence(storage(true, false))).toBe('granted');
    expect(await requestPersistence(storage(false, true))).toBe('granted');
    expect(await requestPersistence(storage(false, false))).toBe('denied');
    expect(await requestPersistence(undefined)).toBe('unsupported');
    expect(describePersistence('denied')).toBe('浏览器未同意长期保存：磁盘空间不足时数据可能被清除，请定期导出数据包');
  });

  it('tells how much is used', async () => {
    const use = await storageUse(storage(true, true, { usage: 12.3 * 1024 ** 2, quota: 2 * 1024 ** 3 }));
    expect(use).toEqual({ usage: 12.3 * 1024 ** 2, quota: 2 * 1024 ** 3 });
    expect(describeStorageUse(use!)).toBe('已用 12.3 MB，共可用 2.0 GB');
    expect(describeStorageUse({ usage: 900, quota: 1000 })).toBe('已用 1 KB，共可用 1 KB。存储空间将满，请导出数据包备份并清理不用的账套');
    expect(await storageUse(storage(true, true))).toBeUndefined();
    expect(await storageUse(undefined)).toBeUndefined();
  });
});
