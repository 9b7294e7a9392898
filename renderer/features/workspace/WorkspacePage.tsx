import { Text } from '@mantine/core';

export function WorkspacePage(_props: { bookId: string; page: string }) {
  return <Text p="xl">部门预算公开编制器</Text>;
}
