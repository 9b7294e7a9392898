// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BudgetDb, readBookFile } from '../../db';
import { openGuizhouEachTest } from '../testing/books';
import { renderUi, SLOW } from '../testing/render';
import type { BookSession } from '../workspace/session';
import { TextPage } from './TextPage';

let db: BudgetDb;
let bookId: string;
let session: BookSession;

openGuizhouEachTest((open) => ({ db, bookId, session } = open));

afterEach(cleanup);

function Live({ partId, onJump = () => {} }: { partId: string; onJump?: () => void }) {
  useSyncExternalStore(session.subscribe, session.getVersion);
  return <TextPage session={session} partId={partId} onJump={onJump} />;
}

const stored = async (key: string) => (await readBookFile(db, bookId))!.text?.[key];
const paragraph = (id: string) => document.querySelector(`[data-paragraph="${id}"]`)!.textContent;

describe('a text page', () => {
  it('shows the generated sentences with the figures of the tables', () => {
    renderUi(<Live partId="part3" />);
    // 表1 收入总计 of the published Guizhou book: 47,881.17 万元.
    expect(paragraph('part3.overall.income')).toMatch(/^2024年部门收入预算总额47,881\.17万元/);
  });

  it('refuses a count with letters (and keeps the stored one), saves a number and shows it in the sentence', async () => {
    renderUi(<Live partId="part3" />);
    const field = screen.getByRole('textbox', { name: '实行绩效管理的项目个数' });
    expect((field as HTMLTextAreaElement).value).toBe('36');
    fireEvent.change(field, { target: { value: '4a' } });
    fireEvent.blur(field);
    expect(await screen.findByText('“实行绩效管理的项目个数”应为不带小数的非负整数，例如 4，而不是“4a”')).toBeTruthy();
    expect(await stored('performance.projects')).toBe('36');

    fireEvent.change(field, { target: { value: '40' } });
    await act(async () => fireEvent.blur(field));
    await waitFor(async () => expect(await stored('performance.projects')).toBe('40'), SLOW);
    await waitFor(() => expect(paragraph('part3.performance.count')).toContain('实行绩效管理的项目40个'), SLOW);
    expect(session.history.undo).toBe('修改文字“实行绩效管理的项目个数”');
  });

  it('saves nothing while an input method composes, and the composed text once it ends', async () => {
    renderUi(<Live partId="part3" />);
    const field = screen.getByRole('textbox', { name: '部门收入预算总额增减变动的主要原因' });
    const before = await stored('reason.income');
    fireEvent.compositionStart(field);
    fireEvent.change(field, { target: { value: 'zhong' } });
    // Longer than the pause after which typing is saved.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await stored('reason.income')).toBe(before);
    fireEvent.change(field, { target: { value: '中央补助增加' } });
    fireEvent.compositionEnd(field);
    await waitFor(async () => expect(await stored('reason.income')).toBe('中央补助增加'), { timeout: 3000 });
    await waitFor(() => expect(paragraph('part3.overall.change')).toContain('主要原因是：中央补助增加'), SLOW);
  });

  it('a figure jumps to the table cell it reads', () => {
    const onJump = vi.fn();
    renderUi(<Live partId="part3" onJump={onJump} />);
    fireEvent.click(screen.getAllByText('47,881.17')[0]!);
    expect(onJump).toHaveBeenCalledWith({ tableId: 'T1', rowId: 'totalIn', columnKey: 'in' });
  });

  it('第一部分: the officer’s paragraphs are edited as lines of one text', async () => {
    renderUi(<Live partId="part1" />);
    const field = screen.getByRole('textbox', { name: '部门机构设置（每行一段）' });
    fireEvent.change(field, { target: { value: '第一段\n第二段\n' } });
    await act(async () => fireEvent.blur(field));
    await waitFor(async () => expect(await stored('part1.organization')).toBe('第一段\n第二段'), SLOW);
  });
});
