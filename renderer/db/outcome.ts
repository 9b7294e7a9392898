/**
 * What a repository operation returns: success with its result, or every problem found, in Chinese, each with where
 * it is. An operation that returns problems has written nothing.
 */
import type { Problem } from '../../shared/validation/issues';

/** A problem, with the record and field it is about when there is one (for the editor to highlight the cell). */
export interface EditProblem extends Problem {
  readonly dataset?: string;
  readonly id?: string;
  readonly field?: string;
}

export type Outcome<T extends object = object> = ({ readonly ok: true } & T) | { readonly ok: false; readonly problems: readonly EditProblem[] };

export function failed(...problems: EditProblem[]): { ok: false; problems: EditProblem[] } {
  return { ok: false, problems };
}
