/** Deleted books, most recently deleted first: restore one as it was, or purge it (with its backups) for good. */
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { BookRow } from '../../db';

export function DeletedBooks(props: { books: readonly BookRow[]; onRestore(book: BookRow): void; onPurge(book: BookRow): void }) {
  const [open, setOpen] = useState(false);
  const [purging, setPurging] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <Anchor component="button" ta="left" size="sm" c="dimmed" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
        {open ? '▾' : '▸'} 已删除的账套 {props.books.length} 个
      </Anchor>
      {open && (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Tbody>
            {props.books.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    删除于 {new Date(b.deletedAt!).toLocaleString('zh-CN')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {purging === b.id ? (
                    <Group gap="xs" justify="flex-end">
                      <Text size="sm" c="red">
                        彻底删除后不能恢复，确定吗？
                      </Text>
                      <Button size="compact-xs" variant="default" onClick={() => setPurging(null)}>
                        取消
                      </Button>
                      <Button size="compact-xs" color="red" onClick={() => props.onPurge(b)}>
                        彻底删除
                      </Button>
                    </Group>
                  ) : (
                    <Group gap="xs" justify="flex-end">
                      <Button size="compact-xs" variant="default" onClick={() => props.onRestore(b)}>
                        恢复
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setPurging(b.id)}>
                        彻底删除…
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
