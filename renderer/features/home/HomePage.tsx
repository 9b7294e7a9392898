/**
 * The books on this machine, most recently saved first, each with its check status; creating a book, one for next
 * year based on last year's, bringing one in from a 数据包 (validated as a whole first; a book of the same
 * department, year and template asks whether to replace it or keep both), and per book: rename, export, a unit's
 * 数据包 taken in, backups, archive, delete (undoable, then purge from the deleted list). How much storage the
 * books use, and whether the browser keeps it for good, is said at the bottom.
 */
import { Alert, Anchor, Button, Container, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../../shared/validation/issues';
import { takeHandedOver, useMenuCommands } from '../../app/commands';
import { useDb } from '../../app/database';
import { BOOK_FILES } from '../../app/files';
import { navigate } from '../../app/route';
import {
  type BookRow,
  copyBookForNextYear,
  deleteBook,
  type ImportChoice,
  importBook,
  listBooks,
  listDeletedBooks,
  purgeBook,
  renameBook,
  restoreBook,
  setArchived,
  takeInUnitBook,
} from '../../db';
import { platform } from '../../platform';
import { BackupsDialog } from '../books/BackupsDialog';
import { TakeInDialog } from '../books/TakeInDialog';
import { saveBookFile } from '../workspace/exports';
import { FormButtons } from '../dialogs/FormButtons';
import { ProblemAlert } from '../dialogs/ProblemAlert';
import { BookTable } from './BookTable';
import { useBookStatus } from './bookStatus';
import { DeletedBooks } from './DeletedBooks';
import { NewBookDialog } from './NewBookDialog';
import { StorageNote } from './StorageNote';

type Dialog =
  | { kind: 'new' }
  | { kind: 'rename'; book: BookRow }
  | { kind: 'delete'; book: BookRow }
  | { kind: 'takeIn'; book: BookRow }
  | { kind: 'backups'; book: BookRow };

export type BookAction = 'rename' | 'export' | 'nextYear' | 'takeIn' | 'backups' | 'archive' | 'unarchive' | 'delete';

const openBook = (bookId: string) => navigate({ name: 'book', bookId, page: 'T1' });

export function HomePage() {
  const db = useDb();
  const all = useLiveQuery(() => listBooks(db), [db]);
  const deleted = useLiveQuery(() => listDeletedBooks(db), [db]);
  const books = useMemo(() => (all ? [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : undefined), [all]);
  const status = useBookStatus(db, books);
  const [problems, setProblems] = useState<readonly Problem[] | null>(null);
  const [conflict, setConflict] = useState<{ text: string; existing: BookRow } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);
  const [showArchived, setShowArchived] = useState(false);

  const finishImport = async (text: string, choice?: ImportChoice) => {
    const outcome = await importBook(db, text, choice);
    if (outcome.kind === 'invalid') setProblems(outcome.problems);
    else if (outcome.kind === 'conflict') setConflict({ text, existing: outcome.existing });
    else openBook(outcome.bookId);
  };

  const importFile = async () => {
    const file = await platform.openFile(BOOK_FILES);
    if (!file) return;
    setProblems(null);
    await finishImport(new TextDecoder('utf-8').decode(file.bytes));
  };

  useMenuCommands({ 'new-book': () => setDialog({ kind: 'new' }), 'open-book': () => void importFile() });
  // A command given while a book was open comes here to be carried out.
  useEffect(() => {
    const command = takeHandedOver();
    if (command === 'new-book') setDialog({ kind: 'new' });
    else if (command === 'open-book') void importFile();
  }, []);

  const act = async (book: BookRow, action: BookAction) => {
    switch (action) {
      case 'export':
        return setNotice({ text: await saveBookFile(db, book.id) });
      case 'nextYear': {
        const outcome = await copyBookForNextYear(db, book.id);
        if (!outcome.ok) return setNotice({ text: `未能新建：${outcome.problems.map((p) => `${p.where}：${p.message}`).join('；')}` });
        return setNotice({ text: `已基于“${book.name}”新建 ${book.year + 1} 年度账套（单位、项目和绩效目标已带入，本年“三公”作为上年数）。` });
      }
      case 'archive':
      case 'unarchive':
        await setArchived(db, book.id, action === 'archive');
        return setNotice({ text: action === 'archive' ? `已归档“${book.name}”` : `已取消归档“${book.name}”` });
      default:
        return setDialog({ kind: action, book });
    }
  };

  const remove = async (book: BookRow) => {
    setDialog(null);
    const outcome = await deleteBook(db, book.id);
    if (!outcome.ok) return setNotice({ text: outcome.problems[0]?.message ?? '未能删除' });
    setNotice({ text: `已删除“${book.name}”。`, undo: () => void restoreBook(db, book.id).then(() => setNotice({ text: `已恢复“${book.name}”` })) });
  };

  const active = books?.filter((b) => !b.archived) ?? [];
  const archived = books?.filter((b) => b.archived) ?? [];
  return (
    <Container size="xl" py="xl">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>部门预算公开编制器</Title>
          <Group gap="sm">
            <Button variant="default" onClick={() => setDialog({ kind: 'new' })}>
              新建账套…
            </Button>
            <Button onClick={() => void importFile()}>导入数据包…</Button>
          </Group>
        </Group>
        {problems && <ProblemAlert title="数据包有问题，未导入任何内容" problems={problems} onClose={() => setProblems(null)} />}
        {notice && (
          <Alert color="blue" withCloseButton onClose={() => setNotice(null)}>
            <Group gap="sm">
              <Text size="sm">{notice.text}</Text>
              {notice.undo && (
                <Anchor component="button" ta="left" size="sm" onClick={notice.undo}>
                  撤销删除
                </Anchor>
              )}
            </Group>
          </Alert>
        )}
        {books === undefined ? null : active.length === 0 && archived.length === 0 ? (
          <Text c="dimmed">本机还没有账套。可以新建账套，或导入数据包开始。</Text>
        ) : (
          <BookTable books={active} status={status} onOpen={openBook} onAction={(b, a) => void act(b, a)} />
        )}
        {archived.length > 0 && (
          <Stack gap="xs">
            <Anchor component="button" ta="left" size="sm" onClick={() => setShowArchived((v) => !v)} aria-expanded={showArchived}>
              {showArchived ? '▾' : '▸'} 已归档的账套 {archived.length} 个
            </Anchor>
            {showArchived && <BookTable books={archived} status={status} onOpen={openBook} onAction={(b, a) => void act(b, a)} />}
          </Stack>
        )}
        {deleted && deleted.length > 0 && (
          <DeletedBooks
            books={deleted}
            onRestore={(b) => void restoreBook(db, b.id).then(() => setNotice({ text: `已恢复“${b.name}”` }))}
            onPurge={(b) => void purgeBook(db, b.id).then(() => setNotice({ text: `已彻底删除“${b.name}”` }))}
          />
        )}
        <StorageNote />
      </Stack>

      <Modal opened={conflict !== null} onClose={() => setConflict(null)} title="已有同一部门、同一年度的账套">
        {conflict && (
          <Stack>
            <Text>本机已有“{conflict.existing.name}”。要用数据包替换它，还是两个都保留？替换后，原账套可在已删除列表中恢复。</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConflict(null)}>
                取消
              </Button>
              <Button variant="default" onClick={() => void finishImport(conflict.text, 'keepBoth').then(() => setConflict(null))}>
                两个都保留
              </Button>
              <Button color="red" onClick={() => void finishImport(conflict.text, 'replace').then(() => setConflict(null))}>
                替换
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {dialog?.kind === 'new' && <NewBookDialog db={db} onClose={() => setDialog(null)} onCreated={openBook} />}
      {dialog?.kind === 'rename' && <RenameDialog book={dialog.book} onClose={() => setDialog(null)} rename={(name) => renameBook(db, dialog.book.id, name)} />}
      {dialog?.kind === 'delete' && (
        <Modal opened onClose={() => setDialog(null)} title="删除账套">
          <Stack>
            <Text>确定删除“{dialog.book.name}”吗？删除后可在“已删除的账套”中恢复，彻底删除后不能恢复。</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                取消
              </Button>
              <Button color="red" onClick={() => void remove(dialog.book)}>
                删除
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {dialog?.kind === 'takeIn' && (
        <TakeInDialog db={db} bookId={dialog.book.id} apply={(text) => takeInUnitBook(db, dialog.book.id, text)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'backups' && <BackupsDialog db={db} bookId={dialog.book.id} bookName={dialog.book.name} onClose={() => setDialog(null)} />}
    </Container>
  );
}

function RenameDialog(props: { book: BookRow; onClose(): void; rename(name: string): Promise<{ ok: boolean; problems?: readonly Problem[] }> }) {
  const [name, setName] = useState(props.book.name);
  const [error, setError] = useState<string>();
  const submit = async () => {
    const outcome = await props.rename(name);
    if (outcome.ok) props.onClose();
    else setError(outcome.problems?.[0]?.message);
  };
  return (
    <Modal opened onClose={props.onClose} title="重命名账套">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <TextInput label="账套名称" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} data-autofocus />
          <FormButtons onCancel={props.onClose} submit="确定" />
        </Stack>
      </form>
    </Modal>
  );
}
