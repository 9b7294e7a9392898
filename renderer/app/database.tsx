/**
 * The database, opened once for the whole app. When it cannot be opened (a newer version of the app wrote it, the
 * browser refuses storage) the officer gets a message that says so and nothing is touched.
 */
import { Alert, Center, Loader, Text } from '@mantine/core';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type BudgetDb, indexedDbBackups, openDatabase, requestPersistence, startAutoBackup } from '../db';
import { platform } from '../platform';

const DbContext = createContext<BudgetDb | null>(null);

export function useDb(): BudgetDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DatabaseGate');
  return db;
}

export function DatabaseGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ db: BudgetDb } | { message: string } | null>(null);
  useEffect(() => {
    let db: BudgetDb | undefined;
    let stopBackups: (() => void) | undefined;
    void openDatabase().then((r) => {
      if (!r.ok) return setState({ message: r.message });
      db = r.db;
      setState({ db: r.db });
      void requestPersistence();
      // A rolling copy of every changed book: in the user data folder on the desktop, in IndexedDB in the browser.
      const backups = startAutoBackup(r.db, platform.backups ?? indexedDbBackups(r.db));
      const flush = () => void backups.flush();
      window.addEventListener('pagehide', flush);
      stopBackups = () => {
        window.removeEventListener('pagehide', flush);
        flush();
      };
    });
    return () => {
      stopBackups?.();
      db?.close();
    };
  }, []);
  if (!state) {
    return (
      <Center h="100vh">
        <Loader aria-label="正在打开数据库" />
      </Center>
    );
  }
  if ('message' in state) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title="无法打开本机数据" maw={560}>
          <Text>{state.message}</Text>
        </Alert>
      </Center>
    );
  }
  return <DbContext.Provider value={state.db}>{children}</DbContext.Provider>;
}
