/**
 * The automatic backups of a book (the last ones saved after edits paused), newest first; restoring one replaces
 * the book's content after backing up the current state, so a restore can itself be undone by restoring that.
 */
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BackupEntry } from '../../platform';
import { type BudgetDb, listBackups, type Outcome, restoreBackup } from '../../db';
import { backupStore } from '../../app/backupStore';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function BackupsDialog(props: { db: BudgetDb; bookId: string; bookName: string; onClose(): void; onRestored?(): void }) {
  const [entries, setEntries] = useState<BackupEntry[] | null>(null);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const store = backupStore(props.db);
  const load = () => void listBackups(store, props.bookId).then(setEntries);
  useEffect(load, [props.bookId]);

  const restore = async (entry: BackupEntry) => {
    setConfirming(null);
    const outcome: Outcome = await restoreBackup(props.db, store, props.bookId, entry.fileName);
    setMessage(
      outcome.ok
        ? { ok: true, text: `已恢复到 ${new Date(entry.savedAt).toLocaleString('zh-CN')} 的备份；恢复前的内容已另存为一个备份。` }
        : { ok: false, text: outcome.problems.map((p) => `${p.where}：${p.message}`).join('；') },
    );
    if (outcome.ok) props.onRestored?.();
    load();
  };

  return (
    <Modal opened onClose={props.onClose} title={`备份与恢复：${props.bookName}`} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          编辑停顿后，程序会自动保存一份备份，保留最近的若干份。恢复会替换账套当前的全部内容。
        </Text>
        {message && (
          <Alert color={message.ok ? 'green' : 'red'} withCloseButton onClose={() => setMessage(null)}>
            {message.text}
          </Alert>
        )}
        {entries?.length === 0 && <Text size="sm">还没有备份。</Text>}
        {entries && entries.length > 0 && (
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>保存时间</Table.Th>
                <Table.Th ta="right">大小</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.fileName}>
                  <Table.Td>{new Date(e.savedAt).toLocaleString('zh-CN')}</Table.Td>
                  <Table.Td ta="right">{size(e.size)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-xs" variant="default" onClick={() => setConfirming(e)}>
                      恢复…
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {confirming && (
          <Alert color="orange" title="确认恢复">
            <Stack gap="xs">
              <Text size="sm">账套将恢复为 {new Date(confirming.savedAt).toLocaleString('zh-CN')} 时的内容，撤销记录将清空。当前内容会先另存为备份。</Text>
              <Group justify="flex-end">
                <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                  取消
                </Button>
                <Button size="xs" color="orange" onClick={() => void restore(confirming)}>
                  恢复
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
