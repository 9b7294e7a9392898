/**
 * What taking in a unit's 数据包 would change in a department's book, worked out before anything is written: which
 * unit, whether the book has it yet, and per dataset how many of its records go and how many come.
 */
import { readBookFileText } from '../../../shared/book/import';
import { loadBook } from '../../../shared/book/load';
import { takeInUnit } from '../../../shared/book/merge-unit';
import type { BookFile, UnitRecord } from '../../../shared/book/schema';
import { findTemplate } from '../../../shared/template/registry';
import { type Problem, ValidationError } from '../../../shared/validation/issues';

export interface TakeInPreview {
  readonly unit: UnitRecord;
  readonly newUnit: boolean;
  /** Datasets the take-in touches: label, records of the unit now, records in the file. */
  readonly datasets: readonly { readonly label: string; readonly before: number; readonly after: number }[];
  /** Department-wide records in the unit's file, left out. */
  readonly ignored: number;
}

export async function previewTakeIn(department: BookFile, text: string): Promise<TakeInPreview | { problems: readonly Problem[] }> {
  try {
    const read = await readBookFileText(text, findTemplate);
    const book = loadBook(department, findTemplate);
    const plan = takeInUnit(book, read.book);
    const count = (list: readonly { dataset: string }[], dataset: string) => list.filter((x) => x.dataset === dataset).length;
    const datasets = Object.entries(book.template.datasets)
      .map(([name, def]) => ({ label: def.label, before: count(plan.removed, name), after: count(plan.added, name) }))
      .filter((d) => d.before > 0 || d.after > 0);
    return { unit: plan.unit, newUnit: plan.newUnit, datasets, ignored: plan.ignored };
  } catch (e) {
    if (e instanceof ValidationError) return { problems: e.problems };
    throw e;
  }
}
