/**
 * Page numbers. A document printed in several calls cannot let Chromium number its pages, so the numbers are
 * printed apart, each label on a small page of its own (about 2 ms a label), and each label page is laid onto its
 * page when the parts are joined. The labels use the document's own fonts, so the numbers are real, embedded,
 * extractable text.
 */

/** The page-number styles an officer can choose; {page} is the page's number, {pages} the document's page count. */
export const FOOTER_FORMATS = ['第 {page} 页 / 共 {pages} 页', '第 {page} 页', '- {page} -', '{page} / {pages}', ''] as const;
export type FooterFormat = (typeof FOOTER_FORMATS)[number];
export const DEFAULT_FOOTER: FooterFormat = '第 {page} 页 / 共 {pages} 页';

/** How a style reads in the chooser. */
export function footerChoiceLabel(format: FooterFormat): string {
  return format === '' ? '不印页码' : footerLabel(format, 1, 12);
}

export function footerLabel(format: FooterFormat, page: number, pages: number): string {
  return format.replaceAll('{pages}', String(pages)).replaceAll('{page}', String(page));
}

/** The cover carries no number; every other page does (counted from the cover, as a PDF reader counts). */
export function numberedPages(pageCount: number): number[] {
  return Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 2);
}

/** A label's page: one line, text centred. */
export const LABEL_PAGE_MM = { width: 120, height: 10 } as const;
