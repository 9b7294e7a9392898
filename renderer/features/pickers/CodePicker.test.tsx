// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTemplate } from '../../../shared/template/registry';
import { renderUi } from '../testing/render';
import { CodePicker } from './CodePicker';

const functional = findTemplate('guizhou-budget-2024', 1)!.catalogues['functional']!.entries;

afterEach(cleanup);

function Harness(props: { onPicked(code: string): void; onAddCode?(code: string, name: string): Promise<string | undefined> }) {
  const [value, setValue] = useState('');
  return (
    <CodePicker
      label="功能分类科目"
      entries={functional}
      digits={[7]}
      value={value}
      onChange={(code) => {
        setValue(code);
        props.onPicked(code);
      }}
      {...(props.onAddCode ? { onAddCode: props.onAddCode } : {})}
    />
  );
}

function typeSearch(text: string) {
  const input = screen.getByRole('combobox', { name: '功能分类科目' });
  // Mantine takes a change of an input without the focus for an autofill, not typing.
  act(() => input.focus());
  fireEvent.click(input);
  fireEvent.change(input, { target: { value: text } });
}

const optionNames = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('the code picker', () => {
  it('lists 行政运行 for the pinyin initials xzyx and picks it with the mouse', async () => {
    const picked = vi.fn();
    renderUi(<Harness onPicked={picked} />);
    typeSearch('xzyx');
    await waitFor(() => expect(optionNames()).toEqual(['2101501行政运行医疗保障管理事务']));
    fireEvent.click(screen.getByRole('option'));
    expect(picked).toHaveBeenCalledWith('2101501');
  });

  it('lists the codes starting with typed digits, and names containing typed words', async () => {
    renderUi(<Harness onPicked={() => {}} />);
    typeSearch('2080');
    await waitFor(() =>
      expect(optionNames()).toEqual([
        '2080501行政单位离退休行政事业单位养老支出',
        '2080505机关事业单位基本养老保险缴费支出行政事业单位养老支出',
        '2080506机关事业单位职业年金缴费支出行政事业单位养老支出',
      ]),
    );
    typeSearch('医疗补助');
    await waitFor(() => expect(optionNames()).toEqual(['2101103公务员医疗补助行政事业单位医疗']));
    typeSearch('zzzz');
    await waitFor(() => expect(screen.getByText('没有找到匹配的科目')).toBeTruthy());
  });

  it('adds a code missing from the catalogue, with its name, and picks it', async () => {
    const picked = vi.fn();
    const added = vi.fn(async (_code: string, name: string) => (name === '' ? '科目名称不能为空' : undefined));
    renderUi(<Harness onPicked={picked} onAddCode={added} />);
    typeSearch('2101599');
    fireEvent.click(await screen.findByRole('button', { name: '目录中没有“2101599”，添加到本账套…' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '添加' })));
    expect(await screen.findByText('科目名称不能为空')).toBeTruthy();
    expect(picked).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('textbox', { name: '新科目名称' }), { target: { value: '其他医疗保障管理事务支出' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '添加' })));
    expect(added).toHaveBeenLastCalledWith('2101599', '其他医疗保障管理事务支出');
    expect(picked).toHaveBeenCalledWith('2101599');
  });
});
