/**
 * The contract between the print view and a program driving it from outside (the command line, through
 * Playwright): the program puts the book file's text under PRINT_INPUT_KEY before the page loads (#/print-file),
 * and the page answers under PRINT_DRIVER_KEY with the plan and a show() to step through the print views.
 */
import type { PrintView } from './assemble';
import type { PlanInfo } from './plan';

export const PRINT_INPUT_KEY = '__budgetPrintInput';
export const PRINT_DRIVER_KEY = '__budgetPrint';

export interface PrintInput {
  /** The book file (数据包) as text, read and checked by the page exactly as the app reads one. */
  readonly bookText: string;
  /** The cover's date, ISO. */
  readonly date: string;
  /** Job size limit in cells (shared/print/plan.ts JOB_CELLS by default). */
  readonly jobCells?: number;
}

export type PrintDriver =
  | { readonly ready: true; readonly info: PlanInfo; show(view: PrintView): Promise<void> }
  | { readonly ready: false; readonly error: string };
