/**
 * Records the text lists in the order the officer picks them (第四部分 重要项目: 一是…，二是…): a record that only
 * points at another one. Picking adds one at the end, × removes it; each is one undoable step.
 */
import { ActionIcon, Group, Select, Stack, Text } from '@mantine/core';
import { describeRecord } from '../../db/fields';
import { deleteRecords, insertRecord } from '../../db';
import type { BookSession } from '../workspace/session';

export function RecordPicks({ session, dataset }: { session: BookSession; dataset: string }) {
  const template = session.departmentEngine.book.template;
  const def = template.datasets[dataset]!;
  const ref = Object.entries(def.fields).find(([, f]) => f.type === 'ref');
  if (!ref || ref[1].type !== 'ref') return null;
  const [field, { dataset: target, label }] = [ref[0], ref[1]];
  const targetDef = template.datasets[target]!;
  const targets = session.bookFile.data[target] ?? [];
  const nameOf = (id: string) => {
    const record = targets.find((r) => r.id === id);
    return record ? describeRecord(targetDef, id, record) : id;
  };
  const picked = session.bookFile.data[dataset] ?? [];
  const run = (write: Parameters<BookSession['perform']>[0]) => void session.perform(write);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {def.label}（按此顺序列示）
      </Text>
      {picked.length === 0 && (
        <Text size="sm" c="dimmed">
          尚未选择。
        </Text>
      )}
      {picked.map((r, i) => (
        <Group key={r.id} gap="xs" wrap="nowrap">
          <Text size="sm" w={28} ta="right">
            {i + 1}.
          </Text>
          <Text size="sm" style={{ flex: 1 }}>
            {nameOf(r[field] ?? '')}
          </Text>
          <ActionIcon variant="subtle" color="red" aria-label={`移除${nameOf(r[field] ?? '')}`} onClick={() => run((db, bookId) => deleteRecords(db, bookId, [{ dataset, id: r.id }]))}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <Select
        aria-label={`添加${label}`}
        placeholder={`添加${label}…`}
        searchable
        value={null}
        data={targets.filter((t) => !picked.some((p) => p[field] === t.id)).map((t) => ({ value: t.id, label: nameOf(t.id) }))}
        onChange={(id) => id && run((db, bookId) => insertRecord(db, bookId, dataset, { [field]: id }))}
        nothingFoundMessage={`没有可添加的${targetDef.label}`}
        maw={520}
      />
    </Stack>
  );
}
