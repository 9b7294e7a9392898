import { LABEL_PAGE_MM } from './footer';

/**
 * The printed page: A4 in either orientation, margins with room for binding, and where the page number sits. The
 * print CSS (@page rules) and the page-number stamping both read these figures, so they cannot disagree.
 */
export type Orientation = 'portrait' | 'landscape';

export const A4_MM = { short: 210, long: 297 } as const;

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * Margins in millimetres. A bound copy is stitched on the left of its portrait pages; a landscape page is turned a
 * quarter clockwise to be read, so its top edge is the one at the spine and gets the binding margin there.
 */
export const MARGINS_MM: Readonly<Record<Orientation, Margins>> = {
  portrait: { top: 20, right: 15, bottom: 20, left: 25 },
  landscape: { top: 25, right: 15, bottom: 17, left: 15 },
};

/** The centre of the page-number line, above the bottom edge (inside the bottom margin of both orientations). */
export const PAGE_NUMBER_FROM_BOTTOM_MM = 9;

export function pageSizeMm(orientation: Orientation): { width: number; height: number } {
  return orientation === 'portrait'
    ? { width: A4_MM.short, height: A4_MM.long }
    : { width: A4_MM.long, height: A4_MM.short };
}

/** The width text and tables may use, in millimetres. */
export function contentWidthMm(orientation: Orientation): number {
  const m = MARGINS_MM[orientation];
  return pageSizeMm(orientation).width - m.left - m.right;
}

export const PT_PER_MM = 72 / 25.4;

/**
 * The @page rules of the print view: portrait by default, `page: landscape` for wide tables, `page: label` for the
 * page-number labels (footer.ts). Chromium honours named pages, so one print call can mix orientations.
 */
export function pageRulesCss(): string {
  const rule = (selector: string, o: Orientation) => {
    const m = MARGINS_MM[o];
    return `@page ${selector}{size:A4 ${o};margin:${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm}`;
  };
  const label = `@page label{size:${LABEL_PAGE_MM.width}mm ${LABEL_PAGE_MM.height}mm;margin:0}`;
  return [rule('', 'portrait'), rule('landscape', 'landscape'), label].join('\n');
}

/**
 * Playwright's page.pdf options. Page size and margins come from the print CSS (preferCSSPageSize), never from
 * here; Electron's printToPDF takes the same settings (electron/pdf-options.ts).
 */
export const PAGE_PDF_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
} as const;
