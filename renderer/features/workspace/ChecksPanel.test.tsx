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
