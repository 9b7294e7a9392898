/**
 * The failed checks, live: grouped by table (or text part) and severity, each with expected, actual and difference;
 * a click moves to the cells involved. A 提示 can be explained with a written 说明: it is then listed apart, under
 * 已说明的提示, and no longer counted as open.
 */
import { Anchor, Badge, Button, Group, ScrollArea, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { Failure } from '../../../shared/engine/checks';
import { checkList } from './acknowledgments';
import classes from './Workspace.module.css';

export interface ChecksPanelProps {
  failures: readonly Failure[];
  texts: Readonly<Record<string, string>>;
  captions: ReadonlyMap<string, string>;
  onOpen(f: Failure): void;
  /** Saves (or with '' removes) the 说明 of a 提示; resolves with a message when refused. */
  onExplain(f: Failure, note: string): Promise<string | undefined>;
  /** Said under the counts (e.g. that the text's checks show in the department view). */
  note?: string | undefined;
}

function groupOf(f: Failure, captions: ReadonlyMap<string, string>): string {
  if (f.tableId) return captions.get(f.tableId) ?? f.tableId;
  // Checks of the text name their part; checks between tables or on records have no table of their own.
  return f.key.startsWith('narrative:') && f.table ? f.table : '表间审核';
}

export function ChecksPanel(props: ChecksPanelProps) {
  const { open, explained } = checkList(props.failures, props.texts);
  const [showExplained, setShowExplained] = useState(false);
  const groups = new Map<string, Failure[]>();
  for (const f of open) {
    const key = groupOf(f, props.captions);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const hard = open.filter((f) => f.severity === '强制').length;
  return (
    <Stack gap="xs" h="100%">
      <Group gap="xs">
        <Text fw={600}>审核</Text>
        <Badge color={hard > 0 ? 'red' : 'green'} variant="light">
          强制 {hard}
        </Badge>
        <Badge color="orange" variant="light">
          提示 {open.length - hard}
        </Badge>
      </Group>
      {props.note && (
        <Text size="xs" c="dimmed">
          {props.note}
        </Text>
      )}
      {open.length === 0 && <Text c="dimmed">全部审核通过。</Text>}
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={6}>
          {[...groups].map(([group, list]) => (
            <Stack key={group} gap={4}>
              <Text size="sm" fw={600} c="dimmed">
                {group}
              </Text>
              {list.map((f) => (
                <FailureItem key={f.key} failure={f} note={undefined} onOpen={props.onOpen} onExplain={props.onExplain} />
              ))}
            </Stack>
          ))}
          {explained.length > 0 && (
            <Stack gap={4} mt="sm">
              <Anchor component="button" ta="left" size="sm" onClick={() => setShowExplained((v) => !v)} aria-expanded={showExplained}>
                {showExplained ? '▾' : '▸'} 已说明的提示 {explained.length} 条
              </Anchor>
              {showExplained &&
                explained.map(({ failure, note }) => (
                  <FailureItem key={failure.key} failure={failure} note={note} onOpen={props.onOpen} onExplain={props.onExplain} />
                ))}
            </Stack>
          )}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}

function amounts(f: Failure): string {
  if (f.sides) return `左边 ${f.actual}，右边 ${f.expected}${f.difference ? `，差额 ${f.difference}` : ''}`;
  if (f.difference) return `应为 ${f.expected}，实为 ${f.actual}，差额 ${f.difference}`;
  return f.actual ?? '';
}

function FailureItem(props: { failure: Failure; note: string | undefined; onOpen(f: Failure): void; onExplain(f: Failure, note: string): Promise<string | undefined> }) {
  const f = props.failure;
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const save = async (note: string) => {
    const refused = await props.onExplain(f, note);
    setError(refused);
    if (!refused) setEditing(null);
  };
  return (
    <div className={classes.check} data-severity={f.severity} data-explained={props.note !== undefined || undefined}>
      <UnstyledButton className={classes.checkOpen} onClick={() => props.onOpen(f)}>
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
            <Text size="xs">{amounts(f)}</Text>
          </Stack>
        </Group>
      </UnstyledButton>
      {props.note !== undefined && editing === null && (
        <Text size="xs" className={classes.checkNote}>
          说明：{props.note}
        </Text>
      )}
      {f.severity === '提示' && editing === null && (
        <Group gap={8} justify="flex-end">
          <Anchor component="button" size="xs" onClick={() => setEditing(props.note ?? '')}>
            {props.note === undefined ? '写说明…' : '修改说明'}
          </Anchor>
          {props.note !== undefined && (
            <Anchor component="button" size="xs" c="red" onClick={() => void save('')}>
              撤销说明
            </Anchor>
          )}
        </Group>
      )}
      {editing !== null && (
        <Stack gap={4} mt={4}>
          <Textarea
            aria-label={`${f.ruleId} 的说明`}
            placeholder="说明为什么这一提示不需要修改，例如数据来源或政策依据"
            autosize
            minRows={2}
            value={editing}
            error={error}
            onChange={(e) => setEditing(e.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <Group gap={6} justify="flex-end">
            <Button size="compact-xs" variant="default" onClick={() => setEditing(null)}>
              取消
            </Button>
            <Button size="compact-xs" onClick={() => void save(editing.trim())} disabled={editing.trim() === ''}>
              保存说明
            </Button>
          </Group>
        </Stack>
      )}
    </div>
  );
}
