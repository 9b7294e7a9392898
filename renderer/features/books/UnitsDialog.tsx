/**
 * The book's budget units: a unit's name and kind (行政 / 参公 / 事业) changed, a unit added, or one removed while no
 * record belongs to it. Each change is one undoable step; a refused one says why and changes nothing.
 */
import { ActionIcon, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { UnitRecord } from '../../../shared/book/schema';
import { type EditProblem, putUnit, removeUnit } from '../../db';
import { ProblemAlert } from '../dialogs/ProblemAlert';
import type { BookSession } from '../workspace/session';

export function UnitsDialog({ session, onClose }: { session: BookSession; onClose(): void }) {
  const kinds = session.book.template.unitKinds;
  const units = session.bookFile.units;
  const [added, setAdded] = useState<UnitRecord>({ code: '', name: '', kind: kinds[0]! });
  const [problems, setProblems] = useState<readonly EditProblem[]>([]);
  const run = async (write: Parameters<BookSession['perform']>[0]) => {
    const outcome = await session.perform(write);
    setProblems(outcome.ok ? [] : outcome.problems);
    return outcome.ok;
  };
  const put = (unit: UnitRecord) => run((db, bookId) => putUnit(db, bookId, unit));
  const add = async () => {
    const where = '新增单位';
    if (!added.code) return setProblems([{ where, message: '请填写单位编码' }]);
    if (units.some((u) => u.code === added.code)) return setProblems([{ where, message: `单位编码“${added.code}”已有，请改用其他编码` }]);
    if (!added.name.trim()) return setProblems([{ where, message: '请填写单位名称' }]);
    if (await put({ ...added, name: added.name.trim() })) setAdded({ code: '', name: '', kind: kinds[0]! });
  };

  return (
    <Modal opened onClose={onClose} title="预算单位" size="lg">
      <Stack gap="sm">
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>单位编码</Table.Th>
              <Table.Th>单位名称</Table.Th>
              <Table.Th>单位性质</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.map((u) => (
              <Table.Tr key={u.code}>
                <Table.Td>{u.code}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${u.code} 的名称`}
                    size="xs"
                    defaultValue={u.name}
                    onBlur={(e) => e.currentTarget.value.trim() !== u.name && void put({ ...u, name: e.currentTarget.value.trim() })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select aria-label={`${u.code} 的性质`} size="xs" w={90} data={kinds} value={u.kind} allowDeselect={false} onChange={(kind) => kind && void put({ ...u, kind })} />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={`删除单位 ${u.code}`} onClick={() => void run((db, bookId) => removeUnit(db, bookId, u.code))}>
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={500}>
          新增单位
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label="单位编码" w={120} value={added.code} onChange={(e) => setAdded({ ...added, code: e.currentTarget.value.trim() })} />
            <TextInput label="单位名称" style={{ flex: 1 }} value={added.name} onChange={(e) => setAdded({ ...added, name: e.currentTarget.value })} />
            <Select label="单位性质" w={90} data={kinds} value={added.kind} allowDeselect={false} onChange={(kind) => kind && setAdded({ ...added, kind })} />
            <Button type="submit">添加</Button>
          </Group>
        </form>
        {problems.length > 0 && <ProblemAlert title="未保存" problems={problems} />}
      </Stack>
    </Modal>
  );
}
