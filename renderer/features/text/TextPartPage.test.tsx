// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { documentOutline } from '../../../shared/print/outline';
import { type BudgetDb, readBookFile } from '../../db';
import { openGuizhouEachTest } from '../testing/books';
import { renderUi, SLOW } from '../testing/render';
import type { BookSession } from '../workspace/session';
import { TextPartPage } from './TextPartPage';

let db: BudgetDb;
let bookId: string;
let session: BookSession;

openGuizhouEachTest((open) => ({ db, bookId, session } = open));

afterEach(cleanup);

describe('a text part of the document', () => {
  it('is the budget template’s 附件: its title and empty wording shown, its text saved under the part’s key', async () => {
    const part = documentOutline(session.book).parts.find((p) => p.kind === 'text')!;
    renderUi(<TextPartPage session={session} part={part} />);
    expect(screen.getByRole('heading', { name: '第五部分：附件' })).toBeTruthy();
    expect(screen.getByText('没有内容时留空，公开文件中此部分印“无。”。')).toBeTruthy();
    const field = screen.getByRole('textbox', { name: '正文' });
    fireEvent.change(field, { target: { value: '城乡医疗救助资金项目情况说明\n一、项目概述\n' } });
    await act(async () => fireEvent.blur(field));
    await waitFor(async () => expect((await readBookFile(db, bookId))!.text?.['annex']).toBe('城乡医疗救助资金项目情况说明\n一、项目概述'), SLOW);
    expect(session.history.undo).toBe('修改文字“第五部分：附件”');
  });
});
