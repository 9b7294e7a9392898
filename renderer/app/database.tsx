/**
 * The database, opened once for the whole app. When it cannot be opened (a newer version of the app wrote it, the
 * browser refuses storage) the officer gets a message that says so and nothing is touched.
 */
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type BudgetDb, openDatabase, requestPersistence } from '../db';

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
    void openDatabase().then((r) => {
      if (r.ok) {
        db = r.db;
        setState({ db: r.db });
        void requestPersistence();
      } else setState({ message: r.message });
    });
    return () => db?.close();
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
          <Stack gap="xs">
            <Text>{state.message}</Text>
            <Text size="sm">已保存的账套没有被改动。</Text>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return <DbContext.Provider value={state.db}>{children}</DbContext.Provider>;
}
