/**
 * The desktop menu's commands that no page takes: 新建账套 and 打开数据包 go to the book list (and are carried out
 * there), 关于 shows the program's version. In the browser there is no menu.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { platform } from '../platform';
import { handOver, listenToMenu } from './commands';
import { navigate } from './route';

export function MenuBridge() {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(
    () =>
      listenToMenu((command) => {
        if (command === 'new-book' || command === 'open-book') {
          handOver(command);
          navigate({ name: 'home' });
        } else if (command === 'about') void platform.appVersion().then(setVersion);
      }),
    [],
  );
  return (
    <Modal opened={version !== null} onClose={() => setVersion(null)} title="关于">
      <Stack>
        <Text fw={600}>部门预算公开编制器</Text>
        <Text size="sm">版本 {version}</Text>
        <Text size="sm" c="dimmed">
          离线编制部门预算公开的十四张表和说明，导出数据包、工作簿和打印文件。数据只保存在本机。
        </Text>
        <Group justify="flex-end">
          <Button onClick={() => setVersion(null)}>关闭</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
