/** How much of the browser's storage the books use and whether it keeps them for good: one quiet line. */
import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { describePersistence, describeStorageUse, requestPersistence, storageUse } from '../../db';

export function StorageNote() {
  const [text, setText] = useState('');
  useEffect(() => {
    void Promise.all([storageUse(), requestPersistence()]).then(([use, persistence]) => {
      setText([use ? describeStorageUse(use) : '', describePersistence(persistence)].filter(Boolean).join('；'));
    });
  }, []);
  return (
    <Text size="xs" c="dimmed" mt="lg">
      {text}
    </Text>
  );
}
