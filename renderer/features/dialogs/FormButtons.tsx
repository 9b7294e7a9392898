/** The buttons at the foot of a dialog's form: 取消, and the submit button named for what it does. */
import { Button, Group } from '@mantine/core';

export function FormButtons(props: { onCancel(): void; submit: string; loading?: boolean; disabled?: boolean; color?: string }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel}>
        取消
      </Button>
      <Button type="submit" loading={props.loading ?? false} disabled={props.disabled ?? false} {...(props.color ? { color: props.color } : {})}>
        {props.submit}
      </Button>
    </Group>
  );
}
