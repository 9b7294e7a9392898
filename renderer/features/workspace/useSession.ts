import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BudgetDb } from '../../db';
import { BookSession } from './session';

export type SessionState = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; message: string } | { kind: 'open'; session: BookSession };

/** Opens the book for the page and closes it when the page goes; re-renders on every change of the session. */
export function useSession(db: BudgetDb, bookId: string): SessionState {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  useEffect(() => {
    let session: BookSession | undefined;
    let cancelled = false;
    BookSession.open(db, bookId).then(
      (s) => {
        if (cancelled) return s?.close();
        session = s;
        setState(s ? { kind: 'open', session: s } : { kind: 'missing' });
      },
      (e: unknown) => !cancelled && setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
      session?.close();
    };
  }, [db, bookId]);
  const session = state.kind === 'open' ? state.session : undefined;
  useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getVersion ?? zero);
  return state;
}

const noSubscribe = () => () => {};
const zero = () => 0;
