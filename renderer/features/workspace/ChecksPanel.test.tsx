// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BudgetDb, exportBook } from '../../db';
import { openGuizhouEachTest } from '../testing/books';
import { renderUi, SLOW } from '../testing/render';
import { ackKey, ackName } from './acknowledgments';
import { ChecksPanel } from './ChecksPanel';
import type { BookSession } from './session';
import type { Failure } from '../../../shared/engine/checks';

let db: BudgetDb;
let bookId: string;
let session: BookSession;

openGuizhouEachTest((open) => ({ db, bookId, session } = open));

afterEach(cleanup);

function Live({ onOpen = () => {} }: { onOpen?: () => void }) {
  useSyncExternalStore(session.subscribe, session.getVersion);
  return (
    <ChecksPanel
      failures={session.failures()}
      texts={session.texts}
      captions={new Map()}
      onOpen={onOpen}
      onExplain={async (f, note) => (await session.setText(ackKey(f), note, ackName(f)))[0]?.message}
    />
  );
}

const stored = async () => JSON.parse((await exportBook(db, bookId))!.text).text as Record<string, string>;

describe('explaining a 提示 in the checks panel', () => {
  it('saves the 说明 in the book (exported with it), lists the 提示 apart and stops counting it; 撤销说明 brings it back', async () => {
    // The Guizhou book passes every 强制 check and has six 提示 (two projects without targets, four 定性 units).
    const first = session.failures()[0]!;
    expect(first).toMatchObject({ ruleId: 'S-1', severity: '提示', row: '项目 261001 LOCAL-0001 省级政务信息系统运维经费' });
    renderUi(<Live />);
    expect(screen.getByText('提示 6')).toBeTruthy();

    fireEvent.click(screen.getAllByRole('button', { name: '写说明…' })[0]!);
    fireEvent.change(screen.getByRole('textbox', { name: 'S-1 的说明' }), { target: { value: '运维项目按规定不单独设绩效目标' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存说明' })));

    await waitFor(() => expect(screen.getByText('提示 5')).toBeTruthy(), SLOW);
    expect((await stored())[ackKey(first)]).toBe('运维项目按规定不单独设绩效目标');
    expect(screen.getByText('强制 0')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '▸ 已说明的提示 1 条' }));
    expect(screen.getByText('说明：运维项目按规定不单独设绩效目标')).toBeTruthy();
    expect(session.history.undo).toBe('修改文字“审核提示 S-1 的说明”');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '撤销说明' })));
    await waitFor(() => expect(screen.getByText('提示 6')).toBeTruthy(), SLOW);
    expect((await stored())[ackKey(first)]).toBeUndefined();
  });

  it('offers no 说明 for a 强制 check, and a click on a check opens it', async () => {
    const onOpen = vi.fn();
    renderUi(<Live onOpen={onOpen} />);
    fireEvent.click(screen.getAllByText('每个项目支出项目都应填报绩效目标（表14）')[0]!);
    expect(onOpen).toHaveBeenCalledWith(session.failures()[0]);
    expect(screen.getAllByRole('button', { name: '写说明…' })).toHaveLength(session.failures().filter((f) => f.severity === '提示').length);
  });
});

describe('a book with thousands of failed checks', () => {
  // 5,000 failures, 强制 and 提示 in turn: 表1 has the first three, 表2 the rest.
  const failures: Failure[] = Array.from({ length: 5000 }, (_, i) => ({
    key: `cell:${i}`,
    ruleId: `R-${i + 1}`,
    severity: i % 2 === 0 ? '强制' : '提示',
    name: `第 ${i + 1} 条审核`,
    tableId: i < 3 ? 'T1' : 'T2',
  }));
  const captions = new Map([
    ['T1', '表1'],
    ['T2', '表2'],
  ]);
  const panel = (onOpen: (f: Failure) => void = () => {}) =>
    renderUi(<ChecksPanel failures={failures} texts={{}} captions={captions} onOpen={onOpen} onExplain={async () => undefined} />);
  const shown = () => screen.getAllByRole('option').map((o) => o.textContent!.match(/R-\d+/)![0]);

  it('renders only the lines in view, and later ones as the list is scrolled down to them', () => {
    panel();
    expect(screen.getByText('强制 2500')).toBeTruthy();
    expect(screen.getByText('提示 2500')).toBeTruthy();
    expect(shown()[0]).toBe('R-1');
    expect(shown().length).toBeLessThan(50);

    const list = screen.getByRole('listbox');
    const scrollTo = (top: number) => {
      list.scrollTop = top;
      act(() => void fireEvent.scroll(list));
    };
    // Far down, about three quarters of the way: a window of consecutive failures there, and none of the first.
    scrollTo(0.75 * parseFloat((list.lastElementChild as HTMLElement).style.height));
    const numbers = shown().map((id) => Number(id.slice(2)));
    expect(numbers.length).toBeLessThan(50);
    expect(numbers[0]).toBeGreaterThan(3000);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    expect(screen.getByText(`第 ${numbers[0]} 条审核`)).toBeTruthy();
    expect(screen.queryByText('第 1 条审核')).toBeNull();
    scrollTo(0);
    expect(shown()[0]).toBe('R-1');
  });

  it('moves through the failures with the arrow keys, Home and End; Enter goes to the failure', () => {
    const onOpen = vi.fn();
    panel(onOpen);
    const list = screen.getByRole('listbox');
    const selected = () => screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.textContent?.match(/R-\d+/)![0];
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toBe('R-1');
    expect(list.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(selected()).toBe('R-2');
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith(failures[1]);
    // Past the heading of 表2.
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toBe('R-4');

    // The last failure is far below: End scrolls the list to it.
    fireEvent.keyDown(list, { key: 'End' });
    expect(selected()).toBe('R-5000');
    expect(screen.queryByText('第 1 条审核')).toBeNull();
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith(failures[4998]);
    fireEvent.keyDown(list, { key: 'Home' });
    expect(selected()).toBe('R-1');
    expect(screen.getByText('第 1 条审核')).toBeTruthy();
  });
});
