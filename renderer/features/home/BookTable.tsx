/** The list of books: name (opens the book), department, year, check status, last saved, and a menu of actions. */
import { Badge, Button, Loader, Menu, Table, Text, Tooltip } from '@mantine/core';
import type { BookRow } from '../../db';
import type { BookAction } from './HomePage';
import type { BookStatus } from './bookStatus';

function StatusBadge({ status }: { status: BookStatus | undefined }) {
  if (!status) return <Loader size="xs" aria-label="正在审核" />;
  if (status.kind === 'broken') {
    return (
      <Tooltip label={status.message}>
        <Badge color="gray" variant="light">
          无法审核
        </Badge>
      </Tooltip>
    );
  }
  const { 强制: hard, 提示: soft } = status.summary;
  if (hard > 0) return <Badge color="red" variant="light">{`${hard} 条强制性错误`}</Badge>;
  if (soft > 0) return <Badge color="orange" variant="light">{`通过，${soft} 条提示`}</Badge>;
  return (
    <Badge color="green" variant="light">
      审核通过
    </Badge>
  );
}

export function BookTable(props: {
  books: readonly BookRow[];
  status: ReadonlyMap<string, BookStatus>;
  onOpen(bookId: string): void;
  onAction(book: BookRow, action: BookAction): void;
}) {
  return (
    <Table highlightOnHover withTableBorder verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>账套</Table.Th>
          <Table.Th>部门</Table.Th>
          <Table.Th ta="right">年度</Table.Th>
          <Table.Th>表格审核</Table.Th>
          <Table.Th>最后保存</Table.Th>
          <Table.Th w={90} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.books.map((b) => (
          <Table.Tr key={b.id}>
            <Table.Td>
              <Button variant="subtle" size="compact-sm" onClick={() => props.onOpen(b.id)}>
                {b.name}
              </Button>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {b.department.code} {b.department.name}
              </Text>
            </Table.Td>
            <Table.Td ta="right">{b.year}</Table.Td>
            <Table.Td>
              <StatusBadge status={props.status.get(b.id)} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{new Date(b.updatedAt).toLocaleString('zh-CN')}</Text>
            </Table.Td>
            <Table.Td ta="right">
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button size="compact-sm" variant="default" aria-label={`“${b.name}”的操作`}>
                    操作
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => props.onOpen(b.id)}>打开</Menu.Item>
                  <Menu.Item onClick={() => props.onAction(b, 'rename')}>重命名…</Menu.Item>
                  <Menu.Item onClick={() => props.onAction(b, 'export')}>导出数据包…</Menu.Item>
                  <Menu.Item onClick={() => props.onAction(b, 'nextYear')}>基于本账套新建下一年度账套</Menu.Item>
                  <Menu.Item onClick={() => props.onAction(b, 'takeIn')}>导入单位数据包…</Menu.Item>
                  <Menu.Item onClick={() => props.onAction(b, 'backups')}>备份与恢复…</Menu.Item>
                  <Menu.Divider />
                  <Menu.Item onClick={() => props.onAction(b, b.archived ? 'unarchive' : 'archive')}>{b.archived ? '取消归档' : '归档'}</Menu.Item>
                  <Menu.Item color="red" onClick={() => props.onAction(b, 'delete')}>
                    删除…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
