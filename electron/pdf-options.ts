/**
 * The print view's PDF options as Electron's printToPDF takes them: A4, the document's orientation and a footer
 * with page numbers. Chromium fills `pageNumber` and `totalPages` spans in the footer template.
 */
import type { PrintToPDFOptions } from 'electron';
import type { PdfRequest } from './contract';

const MM_PER_INCH = 25.4;

/** Page margins in millimetres; printToPDF takes inches. The bottom leaves room for the footer line. */
export const PAGE_MARGINS_MM = { top: 12, right: 10, bottom: 16, left: 10 } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `第 {page} 页 / 共 {pages} 页` → footer HTML. The font size must be explicit: Chromium's default for header and
 * footer templates is too small to read, and the footer does not inherit the page's styles.
 */
export function footerTemplate(footer: string): string {
  const html = escapeHtml(footer)
    .replaceAll('{pages}', '<span class="totalPages"></span>')
    .replaceAll('{page}', '<span class="pageNumber"></span>');
  return (
    '<div style="width:100%;text-align:center;font-size:9pt;' +
    'font-family:\'Microsoft YaHei\',\'PingFang SC\',\'WenQuanYi Zen Hei\',\'Noto Sans CJK SC\',sans-serif">' +
    `${html}</div>`
  );
}

export function printToPdfOptions(request: PdfRequest): PrintToPDFOptions {
  const inches = (mm: number) => mm / MM_PER_INCH;
  return {
    pageSize: 'A4',
    landscape: request.landscape,
    // The print view's @page rules (shared/print/page.ts) size each page and set its margins: one document mixes
    // portrait and landscape pages (as Playwright's page.pdf with the same setting, shared/print PAGE_PDF_OPTIONS).
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: request.footer !== '',
    // An empty header keeps Chromium from printing its default date and title.
    headerTemplate: '<span></span>',
    footerTemplate: footerTemplate(request.footer),
    margins: {
      top: inches(PAGE_MARGINS_MM.top),
      right: inches(PAGE_MARGINS_MM.right),
      bottom: inches(PAGE_MARGINS_MM.bottom),
      left: inches(PAGE_MARGINS_MM.left),
    },
  };
}
