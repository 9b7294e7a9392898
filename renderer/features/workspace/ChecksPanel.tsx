/**
 * The failed checks, live: grouped by table (or text part) and severity, each with expected, actual and difference;
 * a click moves to the cells involved. A 提示 can be explained with a written 说明: it is then listed apart, under
 * 已说明的提示, and no longer counted as open.
 */
import { Anchor, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type KeyboardEvent, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Failure } from '../../../shared/engine/checks';
import { listExtents, reveal, useViewport, visibleRange } from '../grid/virtual';
import { type CheckList, checkList } from './acknowledgments';
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

/** One line of the list: a group's heading, a failure, or the switch that shows the explained 提示. */
type Entry =
  | { readonly kind: 'group'; readonly key: string; readonly label: string }
  | { readonly kind: 'failure'; readonly key: string; readonly failure: Failure; readonly note: string | undefined }
  | { readonly kind: 'explained'; readonly key: string; readonly count: number };

/** The list's lines: the open failures under their groups, then the explained ones behind their switch. */
function entriesOf({ open, explained }: CheckList, captions: ReadonlyMap<string, string>, showExplained: boolean): Entry[] {
  const groups = new Map<string, Failure[]>();
  for (const f of open) {
    const key = groupOf(f, captions);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  const entries: Entry[] = [];
  for (const [label, list] of groups) {
    entries.push({ kind: 'group', key: `group:${label}`, label });
    for (const failure of list) entries.push({ kind: 'failure', key: failure.key, failure, note: undefined });
  }
  if (explained.length > 0) {
    entries.push({ kind: 'explained', key: 'explained', count: explained.length });
    if (showExplained) for (const { failure, note } of explained) entries.push({ kind: 'failure', key: failure.key, failure, note });
  }
  return entries;
}

/** Heights assumed for lines not yet rendered (measured ones replace them). */
function estimate(entry: Entry): number {
  if (entry.kind !== 'failure') return 26;
  return (entry.failure.severity === '提示' ? 86 : 66) + (entry.note === undefined ? 0 : 20);
}

/** Lines rendered beyond those in view, either side. */
const OVERSCAN = 8;

export function ChecksPanel(props: ChecksPanelProps) {
  const [showExplained, setShowExplained] = useState(false);
  const list = useMemo(() => checkList(props.failures, props.texts), [props.failures, props.texts]);
  const entries = useMemo(() => entriesOf(list, props.captions, showExplained), [list, props.captions, showExplained]);
  const open = list.open.length;
  const hard = useMemo(() => list.open.filter((f) => f.severity === '强制').length, [list]);

  const scroller = useRef<HTMLDivElement>(null);
  const { viewport, onScroll, sync } = useViewport(scroller);
  // Heights of the lines as rendered, by key; `measured` is bumped when one changes.
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const extents = useMemo(() => listExtents(entries.map((e) => heights.current.get(e.key) ?? estimate(e))), [entries, measured]);
  const { first, last } = visibleRange(extents, viewport, OVERSCAN);

  const rendered = useRef(new Map<string, HTMLElement>());
  useLayoutEffect(() => {
    let changed = false;
    for (const [key, el] of rendered.current) {
      const h = el.offsetHeight;
      if (h > 0 && heights.current.get(key) !== h) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) setMeasured((m) => m + 1);
  });

  const [active, setActive] = useState<string>();
  const activeIndex = active === undefined ? -1 : entries.findIndex((e) => e.key === active);
  const [revealed, setRevealed] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || activeIndex < 0) return;
    reveal(el, extents.start(activeIndex), extents.start(activeIndex + 1));
    sync();
  }, [revealed]);

  const choose = (e: Entry) => {
    if (e.kind === 'failure') props.onOpen(e.failure);
    else if (e.kind === 'explained') setShowExplained((v) => !v);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed into a 说明 or on its buttons are theirs.
    if (e.target !== e.currentTarget) return;
    const selectable = (i: number) => entries[i] !== undefined && entries[i]!.kind !== 'group';
    const step = (from: number, by: 1 | -1) => {
      for (let i = from + by; i >= 0 && i < entries.length; i += by) if (selectable(i)) return i;
      return from;
    };
    const to = (i: number) => {
      e.preventDefault();
      if (!selectable(i)) return;
      setActive(entries[i]!.key);
      setRevealed((r) => r + 1);
    };
    if (e.key === 'ArrowDown') to(step(activeIndex, 1));
    else if (e.key === 'ArrowUp') to(activeIndex < 0 ? step(-1, 1) : step(activeIndex, -1));
    else if (e.key === 'Home') to(step(-1, 1));
    else if (e.key === 'End') to(step(entries.length, -1));
    else if (e.key === 'Enter' && activeIndex >= 0) {
      e.preventDefault();
      choose(entries[activeIndex]!);
    }
  };

  const id = useId();
  const lineId = (i: number) => `${id}-${i}`;
  return (
    <Stack gap="xs" h="100%">
      <Group gap="xs">
        <Text fw={600}>审核</Text>
        <Badge color={hard > 0 ? 'red' : 'green'} variant="light">
          强制 {hard}
        </Badge>
        <Badge color="orange" variant="light">
          提示 {open - hard}
        </Badge>
      </Group>
      {props.note && (
        <Text size="xs" c="dimmed">
          {props.note}
        </Text>
      )}
      {open === 0 && <Text c="dimmed">全部审核通过。</Text>}
      <div
        ref={scroller}
        className={classes.checkList}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role="listbox"
        aria-label="审核结果（↑↓ 选择，Enter 转到单元格）"
        aria-activedescendant={activeIndex >= first && activeIndex < last ? lineId(activeIndex) : undefined}
      >
        <div style={{ height: extents.start(first) }} />
        {entries.slice(first, last).map((entry, k) => {
          const i = first + k;
          const line = (el: HTMLDivElement | null) => {
            if (el) rendered.current.set(entry.key, el);
            else rendered.current.delete(entry.key);
          };
          return (
            <div key={entry.key} ref={line} className={classes.checkLine}>
              {entry.kind === 'group' ? (
                <Text size="sm" fw={600} c="dimmed">
                  {entry.label}
                </Text>
              ) : entry.kind === 'explained' ? (
                <Anchor
                  id={lineId(i)}
                  component="button"
                  ta="left"
                  size="sm"
                  data-active={i === activeIndex || undefined}
                  className={classes.checkToggle}
                  onClick={() => {
                    setActive(entry.key);
                    setShowExplained((v) => !v);
                  }}
                  aria-expanded={showExplained}
                >
                  {showExplained ? '▾' : '▸'} 已说明的提示 {entry.count} 条
                </Anchor>
              ) : (
                <FailureItem
                  id={lineId(i)}
                  active={i === activeIndex}
                  failure={entry.failure}
                  note={entry.note}
                  onOpen={(f) => {
                    setActive(entry.key);
                    props.onOpen(f);
                  }}
                  onExplain={props.onExplain}
                />
              )}
            </div>
          );
        })}
        <div style={{ height: extents.total - extents.start(last) }} />
      </div>
    </Stack>
  );
}

function amounts(f: Failure): string {
  if (f.sides) return `左边 ${f.actual}，右边 ${f.expected}${f.difference ? `，差额 ${f.difference}` : ''}`;
  if (f.difference) return `应为 ${f.expected}，实为 ${f.actual}，差额 ${f.difference}`;
  return f.actual ?? '';
}

function FailureItem(props: {
  id: string;
  active: boolean;
  failure: Failure;
  note: string | undefined;
  onOpen(f: Failure): void;
  onExplain(f: Failure, note: string): Promise<string | undefined>;
}) {
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
      <div id={props.id} className={classes.checkOpen} role="option" aria-selected={props.active} data-active={props.active || undefined} onClick={() => props.onOpen(f)}>
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
      </div>
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
