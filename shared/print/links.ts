/**
 * Marker links: how a printed part says where its headings landed. Each heading the 目录 lists is wrapped in a link
 * to a made-up address naming its entry, and each 目录 line in a link naming the entry it points to; Chromium
 * writes every link as a Link annotation on the page where it is drawn (an untagged PDF is enough, which keeps the
 * print fast). When the parts are joined, a heading marker gives the page of its entry and is removed, and a 目录
 * marker becomes a jump to that page, so the 目录 is clickable in the PDF.
 */
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNull, PDFString } from 'pdf-lib';

const ORIGIN = 'https://budget-print.invalid/';
export const HEADING = `${ORIGIN}heading/`;
export const TOC = `${ORIGIN}toc/`;

export function headingHref(entryId: string): string {
  return HEADING + encodeURIComponent(entryId);
}

export function tocHref(entryId: string): string {
  return TOC + encodeURIComponent(entryId);
}

interface Marker {
  readonly kind: 'heading' | 'toc';
  readonly entryId: string;
  /** 0-based page index. */
  readonly page: number;
}

function markerOf(annotation: PDFDict): Omit<Marker, 'page'> | undefined {
  const uri = annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
  const text = uri instanceof PDFString ? uri.decodeText() : '';
  if (text.startsWith(HEADING)) return { kind: 'heading', entryId: decodeURIComponent(text.slice(HEADING.length)) };
  if (text.startsWith(TOC)) return { kind: 'toc', entryId: decodeURIComponent(text.slice(TOC.length)) };
  return undefined;
}

/** Every heading marker of a printed part: entry id → 0-based page. */
export function headingPages(doc: PDFDocument): Map<string, number> {
  const pages = new Map<string, number>();
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const marker = markerOf(annots!.lookup(i, PDFDict));
      if (marker?.kind === 'heading' && !pages.has(marker.entryId)) pages.set(marker.entryId, index);
    }
  });
  return pages;
}

/**
 * In the joined document: drops the heading markers, and turns each 目录 marker into a jump to its entry's page
 * (`pages`: entry id → 1-based page number). Other links are left as they are.
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
