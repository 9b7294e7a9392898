/**
 * 提示 checks the officer has explained: the written 说明 is kept in the book's text under `ack.<failure key>`, so
 * it is saved, undone and exported with the book. An explained 提示 is listed apart and not counted as open; a
 * 强制 check cannot be explained away.
 */
import type { Failure } from '../../../shared/engine/checks';

export function ackKey(failure: Failure): string {
  return `ack.${failure.key}`;
}

/** How 撤销/重做 name a 说明. */
export function ackName(failure: Failure): string {
  return `审核提示 ${failure.ruleId} 的说明`;
}

export interface CheckList {
  /** Failures still to deal with: every 强制 one, and 提示 without a 说明. */
  readonly open: readonly Failure[];
  readonly explained: readonly { readonly failure: Failure; readonly note: string }[];
}

export function checkList(failures: readonly Failure[], texts: Readonly<Record<string, string>>): CheckList {
  const open: Failure[] = [];
  const explained: { failure: Failure; note: string }[] = [];
  for (const failure of failures) {
    const note = failure.severity === '提示' ? texts[ackKey(failure)]?.trim() : undefined;
    if (note) explained.push({ failure, note });
    else open.push(failure);
  }
  return { open, explained };
}
