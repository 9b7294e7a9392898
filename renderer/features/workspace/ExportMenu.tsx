/**
 * The workspace's 文件 menu: the book as a 数据包, the 14 tables as a workbook, the print view (打印预览, and PDF from
 * there), the book's units, taking in a unit's 数据包, and the book's backups. The desktop menu's export commands run the same actions.
 */
import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { navigate } from '../../app/route';
import { takeInUnitBook } from '../../db';
import { BackupsDialog } from '../books/BackupsDialog';
import { TakeInDialog } from '../books/TakeInDialog';
import { UnitsDialog } from '../books/UnitsDialog';
import { saveBookFile, saveWorkbook } from './exports';
import type { BookSession } from './session';

export interface Exports {
  book(): void;
  workbook(): void;
  print(): void;
}

export function useExports(session: BookSession, say: (message: string) => void): Exports {
  const { db, bookId } = session;
  return {
    book: () => void saveBookFile(db, bookId).then(say),
    workbook: () => {
      say('正在生成工作簿…');
      void saveWorkbook(db, bookId).then(say);
    },
    print: () => navigate({ name: 'print', bookId }),
  };
}

export function ExportMenu({ session, exports }: { session: BookSession; exports: Exports }) {
  const [dialog, setDialog] = useState<'units' | 'takeIn' | 'backups' | null>(null);
  const name = `${session.bookFile.department.name} ${session.bookFile.year}年`;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs">文件</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={exports.book}>导出数据包…</Menu.Item>
          <Menu.Item onClick={exports.workbook}>导出工作簿（.xlsx）…</Menu.Item>
          <Menu.Item onClick={exports.print}>打印预览 / 导出 PDF</Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog('units')}>预算单位…</Menu.Item>
          <Menu.Item onClick={() => setDialog('takeIn')}>导入单位数据包…</Menu.Item>
          <Menu.Item onClick={() => setDialog('backups')}>备份与恢复…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {dialog === 'takeIn' && (
        <TakeInDialog
          db={session.db}
          bookId={session.bookId}
          apply={(text) => session.perform((db, bookId) => takeInUnitBook(db, bookId, text))}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'units' && <UnitsDialog session={session} onClose={() => setDialog(null)} />}
      {dialog === 'backups' && <BackupsDialog db={session.db} bookId={session.bookId} bookName={name} onClose={() => setDialog(null)} />}
    </>
  );
}
