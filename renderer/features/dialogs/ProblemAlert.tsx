/** Problems that stopped an action, each with where it is, under a title saying what did not happen. */
import { Alert, List } from '@mantine/core';
import type { Problem } from '../../../shared/validation/issues';

export function ProblemAlert(props: { title: string; problems: readonly Problem[]; onClose?: () => void }) {
  return (
    <Alert color="red" title={props.title} {...(props.onClose ? { withCloseButton: true, onClose: props.onClose } : {})}>
      <List size="sm">
        {props.problems.map((p, i) => (
          <List.Item key={i}>
            {p.where}：{p.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
