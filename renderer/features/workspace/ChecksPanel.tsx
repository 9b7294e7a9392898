/**
 * The failed checks, live: grouped by table and severity, each with expected, actual and difference; a click moves
 * to the cell. Checks between tables (no single cell) are listed under 表间审核.
 */
import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type { Failure } from '../../../shared/engine/checks';
import classes from './Workspace.module.css';

export function ChecksPanel(props: { failures: readonly Failure[]; captions: ReadonlyMap<string, string>; onOpen(f: Failure): void }) {
  const groups = new Map<string, Failure[]>();
  for (const f of props.failures) {
    const key = f.tableId ? (props.captions.get(f.tableId) ?? f.tableId) : '表间审核';
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const hard = props.failures.filter((f) => f.severity === '强制').length;
  return (
    <Stack gap="xs" h="100%">
      <Group gap="xs">
        <Text fw={600}>审核</Text>
        <Badge color={hard > 0 ? 'red' : 'green'} variant="light">
          强制 {hard}
        </Badge>
        <Badge color="orange" variant="light">
          提示 {props.failures.length - hard}
        </Badge>
      </Group>
      {props.failures.length === 0 && <Text c="dimmed">全部审核通过。</Text>}
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={6}>
          {[...groups].map(([group, list]) => (
            <Stack key={group} gap={4}>
              <Text size="sm" fw={600} c="dimmed">
                {group}
              </Text>
              {list.map((f) => (
                <UnstyledButton key={f.key} className={classes.check} data-severity={f.severity} onClick={() => props.onOpen(f)}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge size="xs" color={f.severity === '强制' ? 'red' : 'orange'} variant="filled" style={{ flexShrink: 0 }}>
                      {f.ruleId}
                    </Badge>
                    <Stack gap={0}>
                      <Text size="sm">{f.name}</Text>
                      {(f.row || f.column) && (
                        <Text size="xs" c="dimmed">
                          {[f.row, f.column].filter(Boolean).join('｜')}
                        </Text>
                      )}
                      <Text size="xs">
                        {f.sides
                          ? `左边 ${f.actual}，右边 ${f.expected}${f.difference ? `，差额 ${f.difference}` : ''}`
                          : f.difference
                            ? `应为 ${f.expected}，实为 ${f.actual}，差额 ${f.difference}`
                            : (f.actual ?? '')}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          ))}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
