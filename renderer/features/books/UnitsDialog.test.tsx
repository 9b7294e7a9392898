// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { type BudgetDb, readBookFile } from '../../db';
import { openGuizhouEachTest } from '../testing/books';
import { renderUi, SLOW } from '../testing/render';
import type { BookSession } from '../workspace/session';
import { UnitsDialog } from './UnitsDialog';

let db: BudgetDb;
let bookId: string;
let session: BookSession;
openGuizhouEachTest((open) => ({ db, bookId, session } = open));
afterEach(cleanup);

function Live() {
  useSyncExternalStore(session.subscribe, session.getVersion);
  return <UnitsDialog session={session} onClose={() => {}} />;
}

const units = async () => (await readBookFile(db, bookId))!.units;
const add = () => act(async () => fireEvent.click(screen.getByRole('button', { name: '添加' })));

describe('the units of a book', () => {
  it('adds a unit, refusing an empty or taken code; renames one; keeps one its records belong to', async () => {
    renderUi(<Live />);
    await add();
    expect(screen.getByText('新增单位：请填写单位编码')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: '单位编码' }), { target: { value: '261001' } });
    await add();
    expect(screen.getByText('新增单位：单位编码“261001”已有，请改用其他编码')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: '单位编码' }), { target: { value: '261201' } });
    fireEvent.change(screen.getByRole('textbox', { name: '单位名称' }), { target: { value: '贵州省医疗保障信息中心' } });
    await add();
    await waitFor(async () => expect((await units()).map((u) => u.code)).toEqual(['261001', '261101', '261201']), SLOW);
    expect((await units())[2]).toEqual({ code: '261201', name: '贵州省医疗保障信息中心', kind: '行政' });

    const name = screen.getByRole('textbox', { name: '261101 的名称' });
    fireEvent.change(name, { target: { value: '贵州省卫生项目管理中心' } });
    await act(async () => fireEvent.blur(name));
    await waitFor(async () => expect((await units())[1]!.name).toBe('贵州省卫生项目管理中心'), SLOW);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '删除单位 261101' })));
    await waitFor(() => expect(screen.getByText(/仍有.*属于此单位，请先删除或改到其他单位/)).toBeTruthy(), SLOW);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '删除单位 261201' })));
    await waitFor(async () => expect((await units()).map((u) => u.code)).toEqual(['261001', '261101']), SLOW);
  });
});
