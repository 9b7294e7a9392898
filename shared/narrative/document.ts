/**
 * The generated narrative: parts → sections → paragraphs → segments. The editor shows the officer's fields next to
 * the generated sentences and lets a figure be overridden; the PDF and the workbook print the paragraphs' text.
 */
import type { Failure } from '../engine/checks';
import type { Fen } from '../money/money';

/** A table cell a figure reads. */
export interface CellRef {
  readonly table: string;
  readonly row: string;
  readonly column: string;
}

/** An amount the officer typed: its book.text key and what it is called. */
export interface TypedField {
  readonly key: string;
  readonly label: string;
}

/** Where a figure comes from: the formula (or list) it was computed by, every cell and typed amount it read. */
export interface Binding {
  readonly formula: string;
  readonly cells: readonly CellRef[];
  /** The amounts the officer typed for it (a 项's 年初预算数), which the editor offers next to it. */
  readonly fields?: readonly TypedField[];
}

export type FigureValue =
  | { readonly format: 'amount'; readonly fen: Fen }
  | { readonly format: 'percent'; /** `52.41`, or '-' for a zero denominator */ readonly text: string }
  | { readonly format: 'count'; readonly count: number };

/** What a placeholder waits for: a text field, or a record of an input dataset (a prior-year figure). */
export type Missing =
  | { readonly kind: 'field'; readonly key: string }
  | { readonly kind: 'input'; readonly dataset: string; readonly where: Readonly<Record<string, string>> };

export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'figure';
      /** Stable id within the document; the override is kept in book.text under `overrideKey`. */
      readonly id: string;
      readonly overrideKey: string;
      /** What is printed: the officer's override when there is one, else `generated`. */
      readonly text: string;
      readonly generated: string;
      readonly value: FigureValue;
      readonly binding: Binding;
      readonly overridden: boolean;
      /** False when an override states another figure than the tables. */
      readonly matches: boolean;
    }
  | {
      readonly kind: 'field';
      /** book.text key. */
      readonly key: string;
      readonly label: string;
      readonly text: string;
      readonly multiline: boolean;
      /** True while the text is the template's default (名词解释 not yet edited). */
      readonly isDefault: boolean;
    }
  | {
      readonly kind: 'placeholder';
      readonly label: string;
      /** What is printed in its place, e.g. `【待填写：2023年部门收入预算总额】`. */
      readonly text: string;
      readonly missing: Missing;
    };

export interface Paragraph {
  /** `part3.overall.change`, `part3.sanGong.item.reception`, `part4.glossary.terms.3`. */
  readonly id: string;
  readonly segments: readonly Segment[];
  /** The segments' text joined: the paragraph as printed. */
  readonly text: string;
  /** False for an optional paragraph whose field is empty: the editor shows it, the print leaves it out. */
  readonly printed: boolean;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly Paragraph[];
}

export interface Part {
  readonly id: string;
  readonly title: string;
  readonly sections: readonly Section[];
}

export interface NarrativeDoc {
  readonly parts: readonly Part[];
  /** The narrative's 提示 checks, in the engine's Failure shape (see checks.ts). */
  readonly failures: readonly Failure[];
}
