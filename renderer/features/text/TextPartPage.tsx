/**
 * A text part of the document (a 附件, a 前言 …, as the template's outline declares it): free text the officer
 * writes, one paragraph per line, kept in the book's text under the part's key. Left empty, the document prints the
 * part's empty wording.
 */
import { Stack, Text, Title } from '@mantine/core';
import type { OutlinePart } from '../../../shared/print/outline';
import type { BookSession } from '../workspace/session';
import { FieldEditor } from './FieldEditor';
import classes from './Text.module.css';

export function TextPartPage({ session, part }: { session: BookSession; part: Extract<OutlinePart, { kind: 'text' }> }) {
  return (
    <Stack gap="md" className={classes.page}>
      <Title order={3}>{part.title}</Title>
      <Text size="sm" c="dimmed">
        没有内容时留空，公开文件中此部分印“{part.empty}”。
      </Text>
      <FieldEditor
        label="正文"
        description="每行一段"
        stored={session.texts[part.key] ?? ''}
        multiline
        check={() => undefined}
        save={async (value) => (await session.setText(part.key, value.trimEnd(), part.title))[0]?.message}
      />
    </Stack>
  );
}
