/**
 * The workspace of a book: the document's pages on the left (its outline's parts in the printed order, each tables
 * part under its title), the page in the middle, the checks on the right, and a status bar with the save
 * state, the sum of the selected cells and the open check counts. A unit switcher chooses which unit's figures are
 * typed (the department view sums them and takes the department's own records). The header holds undo/redo and the
 * export menu; the desktop menu's commands do the same.
 */
import { Anchor, AppShell, Badge, Button, Center, Divider, Group, Loader, NavLink, ScrollArea, Select, Text, Tooltip } from '@mantine/core';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import type { Failure } from '../../../shared/engine/checks';
import { withNarrativeFailures } from '../../../shared/narrative/checks';
import type { NarrativeDoc } from '../../../shared/narrative/document';
import { documentOutline } from '../../../shared/print/outline';
import { useMenuCommands } from '../../app/commands';
import { useDb } from '../../app/database';
import { navigate, routeHref } from '../../app/route';
import { rect, type Selection } from '../grid/selection';
import { pageOfNarrativeKey } from '../text/textPages';
import { TextPage } from '../text/TextPage';
import { TextPartPage } from '../text/TextPartPage';
import { ackKey, ackName, checkList } from './acknowledgments';
import type { CellTarget } from './cellLabel';
import { ChecksPanel } from './ChecksPanel';
import { ExportMenu, useExports } from './ExportMenu';
import { placeOfFailure } from './places';
import { selectionSumText } from './selectionSum';
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

/**
 * The checks with the text's: the narrative is written a moment after the figures change, so the grid and the
 * table checks show an edit at once. The text's checks are the department's, shown in its view.
 */
function useChecks(session: BookSession): Failure[] {
  const failures = useMemo(() => session.failures(), [session, session.version]);
  const [narrative, setNarrative] = useState<NarrativeDoc>();
  const inDepartment = session.scope === '';
  useEffect(() => {
    if (!inDepartment) return setNarrative(undefined);
    const timer = setTimeout(() => setNarrative(session.narrative()), 0);
    return () => clearTimeout(timer);
  }, [session, session.version, inDepartment]);
  return useMemo(() => (narrative ? withNarrativeFailures(failures, narrative) : failures), [failures, narrative]);
}

function Workspace({ session, page }: { session: BookSession; page: string }) {
  const tables = session.currentEngine.model.tables;
  const outline = useMemo(() => documentOutline(session.book), [session.book]);
  const textPage = outline.parts.find((p) => p.kind !== 'tables' && p.id === page);
  const tableId = textPage ? undefined : tables.some((t) => t.def.id === page) ? page : tables[0]!.def.id;
  const failures = useChecks(session);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [focus, setFocus] = useState<CellFocus | undefined>();
  const [highlight, setHighlight] = useState<string>();
  const [message, setMessage] = useState('');
  // A message stays until the next one, or a while.
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), 10_000);
    return () => clearTimeout(timer);
  }, [message]);
  const captions = useMemo(() => new Map(tables.map((t) => [t.def.id, t.def.caption])), [tables]);
  const defs = useMemo(() => new Map(tables.map((t) => [t.def.id, t.def])), [tables]);
  const file = session.bookFile;
  const go = useCallback((id: string) => navigate({ name: 'book', bookId: session.bookId, page: id }), [session.bookId]);
  const exports = useExports(session, setMessage);

  const undo = () => void session.undo().then((m) => m && setMessage(m));
  const redo = () => void session.redo().then((m) => m && setMessage(m));
  useMenuCommands({ undo, redo, 'export-book': exports.book, 'export-workbook': exports.workbook, 'export-pdf': exports.print });

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

  const jump = (cell: CellTarget) => {
    go(cell.tableId);
    if (cell.rowId) setFocus({ tableId: cell.tableId, rowId: cell.rowId, ...(cell.columnKey ? { columnKey: cell.columnKey } : {}) });
  };
  // A request made for a table is dropped once another is shown, so coming back does not repeat it.
  useEffect(() => setFocus((f) => (f && f.tableId !== tableId ? undefined : f)), [tableId]);

  const openFailure = (f: Failure) => {
    const text = pageOfNarrativeKey(f.key);
    if (text) {
      go(text.page);
      setHighlight(text.paragraph);
      return;
    }
    const place = placeOfFailure(session.currentEngine, f);
    if (!place) return setMessage(f.record ? `${f.row ?? '此记录'}没有列示在任何表中` : '此审核涉及多张表，请按说明逐表核对');
    const [active, ...span] = place.cells;
    go(place.tableId);
    if (active.rowId) setFocus({ tableId: place.tableId, ...active, span });
    setMessage(place.elsewhere.length > 0 ? `此审核还涉及${place.elsewhere.join('、')}` : '');
  };

  const open = checkList(failures, session.texts).open;
  const hard = open.filter((f) => f.severity === '强制').length;
  const view = tableId ? session.view(tableId) : undefined;
  const selected = useMemo(() => (selection && view ? selectionSumText(view, rect(selection)) : undefined), [selection, view]);

  const units = file.units.map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }));
  const pageLink = (id: string, label: string) => (
    <NavLink key={id} href={routeHref({ name: 'book', bookId: session.bookId, page: id })} active={id === page} label={label} />
  );
  const tableLink = (id: string) => {
    const count = open.filter((f) => f.tableId === id && f.severity === '强制').length;
    const def = defs.get(id)!;
    return (
      <NavLink
        key={id}
        href={routeHref({ name: 'book', bookId: session.bookId, page: id })}
        active={id === tableId}
        label={`${def.caption} ${def.toc}`}
        rightSection={count > 0 ? <Badge size="xs" color="red">{count}</Badge> : null}
      />
    );
  };
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 236, breakpoint: 0 }} aside={{ width: 360, breakpoint: 0 }} footer={{ height: 30 }}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Anchor href={routeHref({ name: 'home' })} size="sm">
              账套列表
            </Anchor>
            <Text fw={700} truncate maw={320}>
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
              <Button size="xs" variant="default" disabled={!session.history.undo} onClick={undo}>
                撤销
              </Button>
            </Tooltip>
            <Tooltip label={session.history.redo ? `重做：${session.history.redo}（Ctrl+Y）` : '没有可重做的操作'}>
              <Button size="xs" variant="default" disabled={!session.history.redo} onClick={redo}>
                重做
              </Button>
            </Tooltip>
            <ExportMenu session={session} exports={exports} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea type="auto">
          {outline.parts.map((part, i) =>
            part.kind === 'tables' ? (
              <Fragment key={part.id}>
                <Text size="xs" c="dimmed" px="xs" pt={6} pb={4}>
                  {part.title}
                </Text>
                {part.tables.map((id) => tableLink(id))}
                {i < outline.parts.length - 1 && <Divider my={6} />}
              </Fragment>
            ) : (
              pageLink(part.id, part.title)
            ),
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <div className={classes.main}>
          {view && tableId ? (
            <>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>
                  {view.caption} {view.title}
                </Text>
                <Text size="sm" c="dimmed">
                  {view.unitLine}
                  {view.manual ? '（手工填报）' : ''}
                </Text>
              </Group>
              <TablePage session={session} tableId={tableId} focus={focus} onSelection={setSelection} failures={failures} onMessage={setMessage} onJump={jump} />
              {view.notes.map((n) => (
                <Text key={n} size="xs" c="dimmed">
                  {n}
                </Text>
              ))}
            </>
          ) : (
            <ScrollArea style={{ flex: 1 }} type="auto">
              {textPage?.kind === 'text' ? (
                <TextPartPage session={session} part={textPage} />
              ) : (
                <TextPage session={session} partId={page} highlight={highlight} onJump={jump} />
              )}
            </ScrollArea>
          )}
        </div>
      </AppShell.Main>
      <AppShell.Aside p="sm">
        <ChecksPanel
          failures={failures}
          texts={session.texts}
          captions={captions}
          onOpen={openFailure}
          onExplain={async (f, note) => (await session.setText(ackKey(f), note, ackName(f)))[0]?.message}
          note={session.scope ? '说明文字的审核在“部门汇总”中显示。' : undefined}
        />
      </AppShell.Aside>
      <AppShell.Footer>
        <div className={classes.status} role="status">
          <span data-testid="save-state">
            {session.save.kind === 'saved' ? '已保存' : session.save.kind === 'saving' ? '正在保存…' : `保存失败：${session.save.message}`}
          </span>
          {selected && <span>{selected}</span>}
          <span>
            强制性错误 {hard} 条，提示 {open.length - hard} 条
          </span>
          {message && <span className={classes.message}>{message}</span>}
        </div>
      </AppShell.Footer>
    </AppShell>
  );
}
