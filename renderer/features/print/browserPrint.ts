/**
 * The browser's own print (web mode, 打印): the whole document in one print, numbered by the browser through the
 * @page margin boxes. The 目录 then has no page numbers (a browser cannot tell them beforehand); the desktop app
 * and the command line print the document in jobs and number it themselves (shared/print/assemble.ts).
 */
import type { FooterFormat } from '../../../shared/print/footer';
import { PRINT_SERIF } from './fonts';

/** `第 {page} 页 / 共 {pages} 页` as the content of a margin box. */
export function marginBoxContent(format: FooterFormat): string {
  const parts = format.split(/(\{page\}|\{pages\})/).filter((p) => p !== '');
  return parts
    .map((p) => (p === '{page}' ? 'counter(page)' : p === '{pages}' ? 'counter(pages)' : JSON.stringify(p)))
    .join(' ');
}

/** Page numbers at the foot of every page but the cover. */
export function pageNumberCss(format: FooterFormat): string {
  if (format === '') return '';
  const box = `@bottom-center{content:${marginBoxContent(format)};font-family:'${PRINT_SERIF}';font-size:10.5pt}`;
  return `@page{${box}}\n@page landscape{${box}}\n@page :first{@bottom-center{content:none}}`;
}

/** Rows in all tables above which the browser's print gets slow (the desktop app or the command line do better). */
export const BROWSER_PRINT_ROWS = 3000;
