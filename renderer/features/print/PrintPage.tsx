import { Text } from '@mantine/core';

export function PrintPage(_props: { bookId: string }) {
  return <Text p="xl">部门预算公开编制器</Text>;
}
