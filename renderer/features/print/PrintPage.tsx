/**
 * #/book/<id>/print: the print preview of a stored book, and its PDF (desktop) or print (browser). The book is read
 * from the database as it stands when the page opens.
 */
import { Anchor, Center, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { preparePrint } from '../../../shared/print/prepare';
import { useDb } from '../../app/database';
import { routeHref } from '../../app/route';
import { readBookFile } from '../../db';
import { deriveBook } from '../../db/derive';
import { PrintPreview, type PreviewBook } from './PrintPreview';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; book: PreviewBook };

export function PrintPage({ bookId }: { bookId: string }) {
  const db = useDb();
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    void readBookFile(db, bookId).then(
      (file) => {
        if (!current) return;
        if (!file) return setState({ kind: 'failed', message: '找不到这个账套，它可能已在其他窗口被删除。' });
        const engine = deriveBook(file);
        if ('problems' in engine) {
          return setState({ kind: 'failed', message: `账套有问题，无法排版：${engine.problems.map((p) => `${p.where}：${p.message}`).join('；')}` });
        }
        setState({ kind: 'ready', book: { bookId, model: preparePrint(engine, new Date()), hardFailures: engine.summary().强制 } });
      },
      (e: unknown) => current && setState({ kind: 'failed', message: `读取账套时出错：${e instanceof Error ? e.message : String(e)}` }),
    );
    return () => {
      current = false;
    };
  }, [db, bookId]);

  if (state.kind === 'loading') {
    return (
      <Center h="100vh">
        <Loader aria-label="正在排版" />
      </Center>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Center h="100vh" p="xl">
        <Text>
          {state.message} <Anchor href={routeHref({ name: 'home' })}>返回账套列表</Anchor>
        </Text>
      </Center>
    );
  }
  return <PrintPreview book={state.book} />;
}
