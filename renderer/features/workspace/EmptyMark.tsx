/**
 * 本部门无此项: the officer's statement that the department has nothing for a table (表12 采购, 表13 转移支付, 表14
 * 绩效目标 …), with the note printed under it, kept in the book's text under `empty.<table id>`. A table can be
 * marked in the department view while it holds no data; a mark on a table that has data since is pointed out.
 */
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { BookSession } from './session';

export function emptyMarkKey(tableId: string): string {
  return `empty.${tableId}`;
}

/** The note offered when marking: the template's own empty-table note, or one in its words. */
function defaultNote(session: BookSession, tableId: string): string {
  const def = session.book.template.tables.find((t) => t.id === tableId)!;
  const own = def.emptyNotes?.at(-1)?.replace(/^\d+\.\s*/, '');
  return own ?? `本部门无${def.toc.replace(/表$/, '')}，本表为空表列示。`;
}

/** Whether the table has an entered line or a figure other than zero (in the view shown). */
function hasData(session: BookSession, tableId: string): boolean {
  const def = session.book.template.tables.find((t) => t.id === tableId)!;
  const records = session.departmentBook.records;
  if (def.entry?.some((d) => (records.get(d) ?? []).length > 0)) return true;
  const view = session.view(tableId);
  return view.columns.some((c) => c.type === 'amount') && !view.empty;
}

export function EmptyMark({ session, tableId }: { session: BookSession; tableId: string }) {
  const note = session.texts[emptyMarkKey(tableId)];
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const data = hasData(session, tableId);
  const save = async (value: string) => {
    const caption = session.book.template.tables.find((t) => t.id === tableId)?.caption ?? tableId;
    const problems = await session.setText(emptyMarkKey(tableId), value, `${caption}本部门无此项的说明`);
    setError(problems[0]?.message);
    if (problems.length === 0) setEditing(null);
  };

  const dialog = editing !== null && (
    <Modal opened onClose={() => setEditing(null)} title="标记为本部门无此项">
      <Stack gap="sm">
        <Textarea label="表下说明" autosize minRows={2} value={editing} error={error} onChange={(e) => setEditing(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setEditing(null)}>
            取消
          </Button>
          <Button onClick={() => void save(editing.trim())} disabled={editing.trim() === ''}>
            保存
          </Button>
        </Group>
      </Stack>
    </Modal>
  );

  if (note !== undefined) {
    return (
      <Alert color={data ? 'yellow' : 'gray'} variant="light" p="xs" title={data ? '已标记本部门无此项，但本表有数据，请核对' : '本部门无此项'}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{note}</Text>
          {session.scope === '' && (
            <Group gap="sm" wrap="nowrap">
              <Anchor component="button" size="sm" onClick={() => setEditing(note)}>
                修改说明
              </Anchor>
              <Anchor component="button" size="sm" c="red" onClick={() => void save('')}>
                取消标记
              </Anchor>
            </Group>
          )}
        </Group>
        {dialog}
      </Alert>
    );
  }
  if (data || session.scope !== '') return null;
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        本表没有数据。
      </Text>
      <Anchor component="button" size="sm" onClick={() => setEditing(defaultNote(session, tableId))}>
        标记为本部门无此项…
      </Anchor>
      {dialog}
    </Group>
  );
}
