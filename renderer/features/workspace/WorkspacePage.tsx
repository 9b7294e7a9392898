/**
 * The workspace of a book: tables and text pages on the left, the page in the middle, the checks on the right, and a
 * status bar with the save state, the sum of the selected cells and the check counts. A unit switcher chooses which
 * unit's figures are typed (the department view sums them and takes the department's own records).
 */
import { Anchor, AppShell, Badge, Button, Center, Group, Loader, NavLink, ScrollArea, Select, Text, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Failure } from '../../../shared/engine/checks';
import { type Fen, formatAmount } from '../../../shared/money/money';
import { useDb } from '../../app/database';
import { navigate, routeHref } from '../../app/route';
import { rect, type Selection } from '../grid/selection';
import { ChecksPanel } from './ChecksPanel';
import type { BookSession } from './session';
import { type CellFocus, TablePage } from './TablePage';
import { useSession } from './useSession';
import classes from './Workspace.module.css';

export function WorkspacePage({ bookId, page }: { bookId: string; page: string }) {
  const db = useDb();
  const state = useSession(db, bookId);
  if (state.kind === 'loading') {
    return (
      <Center h="100vh">
        <Loader aria-label="正在打开账套" />
      </Center>
    );
  }
  if (state.kind !== 'open') {
    return (
      <Center h="100vh">
        <Text>
          {state.kind === 'missing' ? '找不到这个账套，它可能已在其他窗口被删除。' : `打开账套时出错：${state.message}`}{' '}
          <Anchor href={routeHref({ name: 'home' })}>返回账套列表</Anchor>
        </Text>
      </Center>
    );
  }
  return <Workspace session={state.session} page={page} />;
}

function Workspace({ session, page }: { session: BookSession; page: string }) {
  const tables = session.currentEngine.model.tables;
  const tableId = tables.some((t) => t.def.id === page) ? page : tables[0]!.def.id;
  const failures = session.failures();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [focus, setFocus] = useState<CellFocus | undefined>();
  const [message, setMessage] = useState('');
  const captions = useMemo(() => new Map(tables.map((t) => [t.def.id, t.def.caption])), [tables]);
  const file = session.bookFile;
  const go = useCallback((id: string) => navigate({ name: 'book', bookId: session.bookId, page: id }), [session.bookId]);

  // Ctrl+PageDown / Ctrl+PageUp: the next / previous table, as between worksheets.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey || (e.key !== 'PageDown' && e.key !== 'PageUp')) return;
      e.preventDefault();
      const i = tables.findIndex((t) => t.def.id === tableId);
      const next = tables[(i + (e.key === 'PageDown' ? 1 : -1) + tables.length) % tables.length]!;
      go(next.def.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tables, tableId, go]);

  const openFailure = (f: Failure) => {
    if (f.tableId) {
      go(f.tableId);
      if (f.rowId) setFocus({ rowId: f.rowId, ...(f.columnKey ? { columnKey: f.columnKey } : {}) });
    }
  };

  const hard = failures.filter((f) => f.severity === '强制').length;
  const view = session.view(tableId);
  const selected = useMemo(() => {
    if (!selection) return undefined;
    const r = rect(selection);
    let sum = 0;
    let count = 0;
    for (let i = r.top; i <= r.bottom; i++) {
      for (let j = r.left; j <= r.right; j++) {
        const cell = view.rows[i]?.cells[j];
        if (cell?.kind === 'amount') {
          sum += cell.value;
          count++;
        }
      }
    }
    return count > 1 ? { sum, count } : undefined;
  }, [selection, view]);

  const units = file.units.map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }));
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 230, breakpoint: 0 }} aside={{ width: 360, breakpoint: 0 }} footer={{ height: 30 }}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Anchor href={routeHref({ name: 'home' })} size="sm">
              账套列表
            </Anchor>
            <Text fw={700}>
              {file.department.name} {file.year}年
            </Text>
            <Select
              aria-label="单位"
              size="xs"
              w={260}
              value={session.scope || '__dept'}
              data={[{ value: '__dept', label: '部门汇总（只读单位数据）' }, ...units]}
              onChange={(v) => session.setScope(v && v !== '__dept' ? v : '')}
              allowDeselect={false}
            />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={session.history.undo ? `撤销：${session.history.undo}（Ctrl+Z）` : '没有可撤销的操作'}>
              <Button size="xs" variant="default" disabled={!session.history.undo} onClick={() => void session.undo().then((m) => m && setMessage(m))}>
                撤销
              </Button>
            </Tooltip>
            <Tooltip label={session.history.redo ? `重做：${session.history.redo}（Ctrl+Y）` : '没有可重做的操作'}>
              <Button size="xs" variant="default" disabled={!session.history.redo} onClick={() => void session.redo().then((m) => m && setMessage(m))}>
                重做
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea type="auto">
          <Text size="xs" c="dimmed" px="xs" pb={4}>
            第二部分 部门预算公开报表
          </Text>
          {tables.map((t) => {
            const count = failures.filter((f) => f.tableId === t.def.id && f.severity === '强制').length;
            return (
              <NavLink
                key={t.def.id}
                href={routeHref({ name: 'book', bookId: session.bookId, page: t.def.id })}
                active={t.def.id === tableId}
                label={`${t.def.caption} ${t.def.toc}`}
                rightSection={count > 0 ? <Badge size="xs" color="red">{count}</Badge> : null}
              />
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <div className={classes.main}>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>
              {view.caption} {view.title}
            </Text>
            <Text size="sm" c="dimmed">
              {view.unitLine}
              {view.manual ? '（手工填报）' : ''}
            </Text>
          </Group>
          <div style={{ flex: 1, minHeight: 0 }}>
            <TablePage session={session} tableId={tableId} focus={focus} onSelection={setSelection} failures={failures} onMessage={setMessage} />
          </div>
          {view.notes.map((n) => (
            <Text key={n} size="xs" c="dimmed">
              {n}
            </Text>
          ))}
        </div>
      </AppShell.Main>
      <AppShell.Aside p="sm">
        <ChecksPanel failures={failures} captions={captions} onOpen={openFailure} />
      </AppShell.Aside>
      <AppShell.Footer>
        <div className={classes.status} role="status">
          <span data-testid="save-state">
            {session.save.kind === 'saved' ? '已保存' : session.save.kind === 'saving' ? '正在保存…' : `保存失败：${session.save.message}`}
          </span>
          {selected && (
            <span>
              已选 {selected.count} 个金额，合计 {formatAmount(selected.sum as Fen, session.book.template.money)}
            </span>
          )}
          <span>
            强制性错误 {hard} 条，提示 {failures.length - hard} 条
          </span>
          {message && <span style={{ color: 'var(--mantine-color-red-7)' }}>{message}</span>}
        </div>
      </AppShell.Footer>
    </AppShell>
  );
}
