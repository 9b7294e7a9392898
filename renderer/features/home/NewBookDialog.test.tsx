// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listBooks, readBookFile } from '../../db';
import { freshDb } from '../testing/books';
import { renderUi, SLOW } from '../testing/render';
import { NewBookDialog } from './NewBookDialog';

afterEach(cleanup);

const type = (name: string, value: string) => fireEvent.change(screen.getByRole('textbox', { name }), { target: { value } });
const create = () => act(async () => fireEvent.click(screen.getByRole('button', { name: '创建' })));

describe('the new-book dialog', () => {
  it('says in Chinese what is missing or wrong, at each field, and creates nothing', async () => {
    const db = freshDb();
    const created = vi.fn();
    renderUi(<NewBookDialog db={db} onClose={() => {}} onCreated={created} />);
    type('预算年度', '25');
    await create();
    for (const message of ['年度应为 2000 至 2100 之间的四位数字，例如 2025', '请填写部门编码', '请填写部门名称', '请填写单位编码', '请填写单位名称']) {
      expect(screen.getByText(message)).toBeTruthy();
    }

    type('预算年度', '2025');
    type('部门编码', '30 1');
    type('部门名称', '某某厅');
    type('第 1 个单位的编码', '301001');
    type('第 1 个单位的名称', '某某厅本级');
    fireEvent.click(screen.getByRole('button', { name: '添加单位' }));
    type('第 2 个单位的编码', '301001');
    type('第 2 个单位的名称', '某某中心');
    await create();
    expect(screen.getByText('部门编码“30 1”只能由数字和字母组成')).toBeTruthy();
    expect(screen.getByText('单位编码“301001”与上面的单位重复')).toBeTruthy();
    expect(screen.queryByText('请填写部门名称')).toBeNull();
    expect(created).not.toHaveBeenCalled();
    expect(await listBooks(db)).toEqual([]);
  });

  it('creates the book with its units once every field is right', async () => {
    const db = freshDb();
    const created = vi.fn();
    renderUi(<NewBookDialog db={db} onClose={() => {}} onCreated={created} />);
    type('预算年度', '2025');
    type('部门编码', '301');
    type('部门名称', '某某厅');
    type('第 1 个单位的编码', '301001');
    type('第 1 个单位的名称', '某某厅本级');
    fireEvent.click(screen.getByRole('button', { name: '添加单位' }));
    type('第 2 个单位的编码', '301101');
    type('第 2 个单位的名称', '某某中心');
    await create();
    await waitFor(() => expect(created).toHaveBeenCalledOnce(), SLOW);
    const [book] = await listBooks(db);
    expect(book).toMatchObject({ name: '某某厅 2025年', year: 2025, department: { code: '301', name: '某某厅' } });
    expect(created).toHaveBeenCalledWith(book!.id);
    // The second unit keeps the form's first kind (行政) unless another is chosen.
    expect((await readBookFile(db, book!.id))!.units).toEqual([
      { code: '301001', name: '某某厅本级', kind: '行政' },
      { code: '301101', name: '某某中心', kind: '行政' },
    ]);
  });
});
