/**
 * The list of books on this machine, and bringing a book in from a 数据包 file. Importing validates the whole file
 * first; a book of the same department, year and template asks whether to replace it or keep both.
 */
import { Alert, Button, Container, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Problem } from '../../../shared/validation/issues';
import { useDb } from '../../app/database';
import { navigate } from '../../app/route';
import { type BookRow, type ImportChoice, importBook, listBooks } from '../../db';
import { platform } from '../../platform';

const BOOK_FILES = [{ name: '数据包', extensions: ['json'] }];

export function HomePage() {
  const db = useDb();
  const books = useLiveQuery(() => listBooks(db), [db]);
  const [problems, setProblems] = useState<readonly Problem[] | null>(null);
  const [conflict, setConflict] = useState<{ text: string; existing: BookRow } | null>(null);

  const finishImport = async (text: string, choice?: ImportChoice) => {
    const outcome = await importBook(db, text, choice);
    if (outcome.kind === 'invalid') setProblems(outcome.problems);
    else if (outcome.kind === 'conflict') setConflict({ text, existing: outcome.existing });
    else navigate({ name: 'book', bookId: outcome.bookId, page: 'T1' });
  };

  const importFile = async () => {
    const file = await platform.openFile(BOOK_FILES);
    if (!file) return;
    setProblems(null);
    await finishImport(new TextDecoder('utf-8').decode(file.bytes));
  };

  return (
    <Container size="lg" py="xl">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>部门预算公开编制器</Title>
          <Button onClick={() => void importFile()}>导入数据包…</Button>
        </Group>
        {problems && (
          <Alert color="red" title="数据包有问题，未导入任何内容" withCloseButton onClose={() => setProblems(null)}>
            <List size="sm">
              {problems.map((p, i) => (
                <List.Item key={i}>
                  {p.where}：{p.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {books === undefined ? null : books.length === 0 ? (
          <Text c="dimmed">本机还没有账套。可以导入数据包开始。</Text>
        ) : (
          <Table highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>账套</Table.Th>
                <Table.Th>部门</Table.Th>
                <Table.Th>年度</Table.Th>
                <Table.Th>最后保存</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {books.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => navigate({ name: 'book', bookId: b.id, page: 'T1' })}>
                      {b.name}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    {b.department.code} {b.department.name}
                  </Table.Td>
                  <Table.Td>{b.year}</Table.Td>
                  <Table.Td>{new Date(b.updatedAt).toLocaleString('zh-CN')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={conflict !== null} onClose={() => setConflict(null)} title="已有同一部门、同一年度的账套">
        {conflict && (
          <Stack>
            <Text>
              本机已有“{conflict.existing.name}”。要用数据包替换它，还是两个都保留？替换后，原账套可在已删除列表中恢复。
            </Text>
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
    </Container>
  );
}
