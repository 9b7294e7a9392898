/**
 * The line commands of an entry table as the officer reaches them: a toolbar above the grid, the same commands on
 * keys (Ctrl+Enter 新增行, Ctrl+Shift+Enter 插入行, Ctrl+D 复制行, Ctrl+Delete 删除行, Alt+↑/↓ 上移/下移), whole lines
 * pasted with Ctrl+V, and the form a command asks its input with. Keys typed into a cell being edited, or while
 * an input method composes, stay with the cell.
 */
import { Button, Group, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { type ClipboardEvent, type KeyboardEvent, type ReactNode, useState } from 'react';
import type { RecordRef } from '../../db';
import { parseTsv } from '../grid/clipboard';
import type { BookSession } from '../workspace/session';
import { addLine, addReferenced, deleteLines, duplicateLine, type LinePlace, type LineResult, moveLine, pasteLines } from './lineActions';
import { LineForm, type LineFormRequest } from './LineForm';
import type { LineTable } from './lineTable';

/** The grid names its one input 编辑单元格 while a cell is being edited (see renderer/features/grid/Grid.tsx). */
function editingCell(target: EventTarget): boolean {
  return target instanceof HTMLInputElement && target.getAttribute('aria-label') === '编辑单元格';
}

type Command = (place: LinePlace) => Promise<LineResult> | LineResult;

interface Shortcut {
  readonly label: string;
  readonly keys: string;
  readonly matches: (e: KeyboardEvent) => boolean;
  readonly run: Command;
  /** Why the command does nothing in this table, when it does not apply. */
  readonly unavailable?: string;
}

const ctrl = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

function shortcuts(lines: LineTable): Shortcut[] {
  const ordered = lines.kind === 'grouped' && lines.ordered;
  const sorted = lines.kind === 'grouped' && !lines.ordered ? '本表各行按编码排列，新增的行自动排到应在的位置' : undefined;
  const fixed = lines.kind === 'fixed' ? '本表的行是固定的' : undefined;
  return [
    { label: '新增行', keys: 'Ctrl+Enter', matches: (e) => ctrl(e) && !e.shiftKey && e.key === 'Enter', run: (p) => addLine(p, 'after') },
    {
      label: '插入行',
      keys: 'Ctrl+Shift+Enter',
      matches: (e) => ctrl(e) && e.shiftKey && e.key === 'Enter',
      run: (p) => addLine(p, 'before'),
      ...(ordered ? {} : { unavailable: sorted ?? fixed ?? '' }),
    },
    { label: '复制行', keys: 'Ctrl+D', matches: (e) => ctrl(e) && (e.key === 'd' || e.key === 'D'), run: duplicateLine, ...(fixed ? { unavailable: fixed } : {}) },
    { label: '删除行', keys: 'Ctrl+Delete', matches: (e) => ctrl(e) && e.key === 'Delete', run: deleteLines },
    {
      label: '上移',
      keys: 'Alt+↑',
      matches: (e) => e.altKey && e.key === 'ArrowUp',
      run: (p) => moveLine(p, 'up'),
      ...(ordered ? {} : { unavailable: sorted ? '本表各行按编码排列，不能上移或下移' : (fixed ?? '') }),
    },
    {
      label: '下移',
      keys: 'Alt+↓',
      matches: (e) => e.altKey && e.key === 'ArrowDown',
      run: (p) => moveLine(p, 'down'),
      ...(ordered ? {} : { unavailable: sorted ? '本表各行按编码排列，不能上移或下移' : (fixed ?? '') }),
    },
  ];
}

export interface LineTools {
  readonly toolbar: ReactNode;
  readonly onKeyDownCapture: (e: KeyboardEvent) => void;
  readonly onPasteCapture: (e: ClipboardEvent) => void;
  /** The form or dialog a command opened. */
  readonly dialogs: ReactNode;
}

export function useLineTools(props: {
  session: BookSession;
  /** The table's lines; none for a table without any (the tools then do nothing). */
  lines: LineTable | undefined;
  /** Where the selection is now. */
  place: () => Pick<LinePlace, 'active' | 'selected'>;
  /** The printed column labels, for pasted lines. */
  labels: readonly string[];
  onMessage(text: string): void;
  onFocusRecord(record: RecordRef): void;
}): LineTools {
  const { session, lines } = props;
  const [form, setForm] = useState<LineFormRequest | null>(null);
  const [pasting, setPasting] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!lines) return { toolbar: null, onKeyDownCapture: () => {}, onPasteCapture: () => {}, dialogs: null };
  const list = shortcuts(lines);
  const place = (): LinePlace => ({ session, lines, ...props.place() });

  const finish = (result: LineResult) => {
    if (result.message) props.onMessage(result.message);
    if (result.focus) props.onFocusRecord(result.focus);
    if (result.form) setForm(result.form);
  };

  const run = async (command: Command) => {
    if (busy) return;
    setBusy(true);
    try {
      finish(await command(place()));
    } finally {
      setBusy(false);
    }
  };

  const pasteText = async (text: string): Promise<LineResult | undefined> => {
    const result = await pasteLines(place(), parseTsv(text), props.labels);
    if (result) finish(result);
    return result;
  };

  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.nativeEvent.isComposing || editingCell(e.target)) return;
    const shortcut = list.find((s) => s.matches(e));
    if (!shortcut) return;
    e.preventDefault();
    e.stopPropagation();
    if (shortcut.unavailable !== undefined) props.onMessage(shortcut.unavailable || `本表不能${shortcut.label}`);
    else void run(shortcut.run);
  };

  const onPasteCapture = (e: ClipboardEvent) => {
    if (lines.kind !== 'grouped' || editingCell(e.target)) return;
    const text = e.clipboardData.getData('text/plain');
    const block = parseTsv(text);
    if (block.length === 0 || block.some((cells) => cells.length !== props.labels.length)) return;
    // Whole lines in the printed layout: new lines here, instead of the grid's paste into cells.
    e.preventDefault();
    e.stopPropagation();
    void pasteText(text);
  };

  const toolbar = (
    <Group gap={6} wrap="wrap">
      {list.map((s) => (
        <Tooltip key={s.label} label={s.unavailable || `${s.label}（${s.keys}）`} withArrow>
          {/* data-disabled rather than disabled: a disabled button gets no hover, and the tooltip says why. */}
          <Button
            size="compact-sm"
            variant="default"
            data-disabled={s.unavailable !== undefined || busy || undefined}
            onClick={(e) => {
              e.preventDefault();
              if (s.unavailable === undefined && !busy) void run(s.run);
            }}
          >
            {s.label}
          </Button>
        </Tooltip>
      ))}
      {lines.kind === 'grouped' &&
        lines.referenced.map((r) => {
          const label = session.departmentBook.template.datasets[r.dataset]!.label;
          return (
            <Button key={r.dataset} size="compact-sm" variant="default" onClick={() => void run((p) => addReferenced(p, r.dataset))}>
              新增{label}
            </Button>
          );
        })}
      {lines.kind === 'grouped' && !lines.ordered && (
        <Text size="xs" c="dimmed">
          本表各行按编码排列
        </Text>
      )}
      {lines.kind === 'grouped' && lines.paste.size > 0 && (
        <Tooltip label="粘贴从 Excel 复制的整行（从第一栏到最后一栏），在选中的位置新增这些行；也可在表格中直接按 Ctrl+V" withArrow multiline w={300}>
          <Button size="compact-sm" variant="default" onClick={() => setPasting(true)}>
            粘贴整行…
          </Button>
        </Tooltip>
      )}
    </Group>
  );

  const dialogs = (
    <>
      {form && (
        <LineForm
          session={session}
          request={form}
          onClose={(saved) => {
            if (saved) props.onMessage(form.done ?? '已保存，可按 Ctrl+Z 撤销');
            setForm(null);
          }}
        />
      )}
      {pasting && <PasteDialog columns={props.labels.length} onClose={() => setPasting(false)} onPaste={pasteText} />}
    </>
  );

  return { toolbar, onKeyDownCapture, onPasteCapture, dialogs };
}

function PasteDialog(props: { columns: number; onClose(): void; onPaste(text: string): Promise<LineResult | undefined> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    const block = parseTsv(text);
    if (block.length === 0 || block.some((cells) => cells.length !== props.columns)) {
      setError(`每行应有 ${props.columns} 栏（与本表从第一栏到最后一栏相同），请从 Excel 复制整行后粘贴`);
      return;
    }
    const result = await props.onPaste(text);
    if (result?.refused) setError(result.message);
    else props.onClose();
  };
  return (
    <Modal opened onClose={props.onClose} title="粘贴整行" size="xl">
      <Stack gap="sm">
        <Text size="sm">在 Excel 或 WPS 中选中按本表格式排列的行（从第一栏到最后一栏），复制后粘贴到下面。这些行将新增在表格中选中的位置（所选单位、类别或项目之下）；合计、小计行会被跳过。</Text>
        <Textarea
          label="复制的内容"
          autosize
          minRows={6}
          maxRows={16}
          value={text}
          error={error}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(undefined);
          }}
          styles={{ input: { fontFamily: 'monospace', whiteSpace: 'pre', overflowX: 'auto' } }}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            取消
          </Button>
          <Button onClick={() => void submit()}>新增这些行</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
