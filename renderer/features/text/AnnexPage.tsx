/**
 * 第五部分：附件: free text the officer adds to the document (a key project's 情况说明 …), one paragraph per line,
 * kept in the book's text under ANNEX_KEY. Left empty, the document prints 无。
 */
import { Stack, Text, Title } from '@mantine/core';
import type { BookSession } from '../workspace/session';
import { FieldEditor } from './FieldEditor';
import { ANNEX_KEY, ANNEX_PAGE } from './textPages';
import classes from './Text.module.css';

export function AnnexPage({ session }: { session: BookSession }) {
  return (
    <Stack gap="md" className={classes.page}>
      <Title order={3}>{ANNEX_PAGE.title}</Title>
      <Text size="sm" c="dimmed">
        没有附件时留空，公开文件中此部分印“无。”。
      </Text>
      <FieldEditor
        label="附件正文"
        description="每行一段；可写项目情况说明等"
        stored={session.texts[ANNEX_KEY] ?? ''}
        multiline
        check={() => undefined}
        save={async (value) => (await session.setText(ANNEX_KEY, value.trimEnd(), '附件'))[0]?.message}
      />
    </Stack>
  );
}
