/**
 * Taking in a unit's 数据包 (prepared by the unit on its own machine) as that unit's data in the department's book:
 * the file is chosen, what it would change is shown, and only on 确认导入 is it written, as one undoable step.
 */
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Problem } from '../../../shared/validation/issues';
import { BOOK_FILES } from '../../app/files';
import { type BudgetDb, type Outcome, readBookFile, type TakenIn } from '../../db';
import { platform } from '../../platform';
import { ProblemAlert } from '../dialogs/ProblemAlert';
import { previewTakeIn, type TakeInPreview } from './unitTakeIn';

type State =
  | { kind: 'choosing' }
  | { kind: 'problems'; problems: readonly Problem[] }
  | { kind: 'preview'; text: string; preview: TakeInPreview }
  | { kind: 'done'; message: string };

export function TakeInDialog(props: {
  db: BudgetDb;
  bookId: string;
  /** Writes the take-in (through the open book's session when there is one). */
  apply(text: string): Promise<Outcome<TakenIn>>;
  onClose(): void;
}) {
  const [state, setState] = useState<State>({ kind: 'choosing' });
  const choose = async () => {
    const file = await platform.openFile(BOOK_FILES);
    if (!file) return props.onClose();
    const department = await readBookFile(props.db, props.bookId);
    if (!department) return setState({ kind: 'problems', problems: [{ where: '账套', message: '找不到该账套，它可能已在其他窗口被删除' }] });
    const text = new TextDecoder('utf-8').decode(file.bytes);
    const preview = await previewTakeIn(department, text);
    setState('problems' in preview ? { kind: 'problems', problems: preview.problems } : { kind: 'preview', text, preview });
  };
  useEffect(() => void choose(), []);

  const confirm = async (text: string) => {
    const outcome = await props.apply(text);
    if (!outcome.ok) return setState({ kind: 'problems', problems: outcome.problems });
    setState({ kind: 'done', message: `已导入单位 ${outcome.unit.code} ${outcome.unit.name} 的数据：删除原有 ${outcome.removed} 条，加入 ${outcome.added} 条。可撤销。` });
  };

  return (
    <Modal opened onClose={props.onClose} title="导入单位数据包" size="lg">
      {state.kind === 'choosing' && <Text size="sm">请选择单位报来的数据包文件……</Text>}
      {state.kind === 'problems' && <ProblemAlert title="数据包有问题，未导入任何内容" problems={state.problems} />}
      {state.kind === 'preview' && (
        <Stack gap="sm">
          <Text size="sm">
            单位：{state.preview.unit.code} {state.preview.unit.name}（{state.preview.unit.kind}）
            {state.preview.newUnit ? '——本账套尚无此单位，将新增该单位。' : '——将以数据包中的数据替换该单位的全部数据，其他单位不变。'}
          </Text>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>数据</Table.Th>
                <Table.Th ta="right">现有（将删除）</Table.Th>
                <Table.Th ta="right">数据包中（将加入）</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.preview.datasets.map((d) => (
                <Table.Tr key={d.label}>
                  <Table.Td>{d.label}</Table.Td>
                  <Table.Td ta="right">{d.before}</Table.Td>
                  <Table.Td ta="right">{d.after}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {state.preview.ignored > 0 && <Text size="xs" c="dimmed">数据包中另有 {state.preview.ignored} 条属于部门整体的数据（如上年“三公”、转移支付），不导入。</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              取消
            </Button>
            <Button onClick={() => void confirm(state.text)}>确认导入</Button>
          </Group>
        </Stack>
      )}
      {state.kind === 'done' && (
        <Stack>
          <Text size="sm">{state.message}</Text>
          <Group justify="flex-end">
            <Button onClick={props.onClose}>关闭</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
