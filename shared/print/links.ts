/**
 * Marker links: how a printed part says where its headings and rows landed. Each heading the 目录 lists is wrapped
 * in a link to a made-up address naming its entry, each 目录 line in a link naming the entry it points to, and the
 * last rows of a cut table each hold a tiny empty link naming the row; Chromium writes every link as a Link
 * annotation on the page where it is drawn (an untagged PDF is enough, which keeps the print fast). When the parts
 * are joined, a 目录 marker becomes a jump to its entry's page, so the 目录 is clickable in the PDF; the others go.
 */
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNull, type PDFPage, PDFString } from 'pdf-lib';

const ORIGIN = 'https://budget-print.invalid/';
const HEADING = `${ORIGIN}heading/`;
const TOC = `${ORIGIN}toc/`;
const ROW = `${ORIGIN}row/`;

export function headingHref(entryId: string): string {
  return HEADING + encodeURIComponent(entryId);
}

export function tocHref(entryId: string): string {
  return TOC + encodeURIComponent(entryId);
}

/** The marker of a table row (its index in the table view). */
export function rowHref(row: number): string {
  return ROW + String(row);
}

type Marker = { readonly kind: 'heading' | 'toc'; readonly entryId: string } | { readonly kind: 'row'; readonly row: number };

function markerOf(annotation: PDFDict): Marker | undefined {
  const uri = annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
  const text = uri instanceof PDFString ? uri.decodeText() : '';
  if (text.startsWith(HEADING)) return { kind: 'heading', entryId: decodeURIComponent(text.slice(HEADING.length)) };
  if (text.startsWith(TOC)) return { kind: 'toc', entryId: decodeURIComponent(text.slice(TOC.length)) };
  if (text.startsWith(ROW)) return { kind: 'row', row: Number(text.slice(ROW.length)) };
  return undefined;
}

function markersOn(page: PDFPage): Marker[] {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  return Array.from({ length: annots?.size() ?? 0 }, (_, i) => markerOf(annots!.lookup(i, PDFDict))).filter((m) => m !== undefined);
}

/** Every heading marker of a printed part: entry id → 0-based page. */
export function headingPages(doc: PDFDocument): Map<string, number> {
  const pages = new Map<string, number>();
  doc.getPages().forEach((page, index) => {
    for (const m of markersOn(page)) if (m.kind === 'heading' && !pages.has(m.entryId)) pages.set(m.entryId, index);
  });
  return pages;
}

/** The first marked row on a page, or undefined when it shows none. */
export function firstMarkedRow(page: PDFPage): number | undefined {
  const rows = markersOn(page).flatMap((m) => (m.kind === 'row' ? [m.row] : []));
  return rows.length > 0 ? Math.min(...rows) : undefined;
}

/**
 * In the joined document: turns each 目录 marker into a jump to its entry's page (`pages`: entry id → 1-based page
 * number) and drops the other markers. Other links are left as they are.
 */
export function resolveMarkers(doc: PDFDocument, pages: Readonly<Record<string, number>>): void {
  const all = doc.getPages();
  for (const page of all) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    const kept = [];
    for (let i = 0; i < annots.size(); i++) {
      const annotation = annots.lookup(i, PDFDict);
      const marker = markerOf(annotation);
      if (marker) {
        const target = marker.kind === 'toc' ? all[(pages[marker.entryId] ?? 0) - 1] : undefined;
        // A marker that names no page would point at the made-up address: it goes.
        if (!target) continue;
        annotation.delete(PDFName.of('A'));
        annotation.set(PDFName.of('Dest'), doc.context.obj([target.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
      }
      kept.push(annots.get(i));
    }
    if (kept.length > 0) page.node.set(PDFName.of('Annots'), doc.context.obj(kept));
    else page.node.delete(PDFName.of('Annots'));
  }
}
