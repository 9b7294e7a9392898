/** The joined document's bookmarks (its PDF outline): one per 目录 line, the sections folded under their part. */
import { type PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';

export interface Bookmark {
  readonly title: string;
  /** 0-based page index. */
  readonly page: number;
  /** 1 for a top-level bookmark, 2 for one under the previous level-1 bookmark. */
  readonly level: 1 | 2;
}

interface Node {
  readonly bookmark: Bookmark;
  readonly ref: PDFRef;
  readonly children: Node[];
}

/** Replaces the document's outline with the given bookmarks, and opens the document with them shown. */
export function writeOutline(doc: PDFDocument, bookmarks: readonly Bookmark[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const top: Node[] = [];
  for (const bookmark of bookmarks) {
    const node: Node = { bookmark, ref: context.nextRef(), children: [] };
    const parent = top.at(-1);
    if (bookmark.level === 2 && parent) parent.children.push(node);
    else top.push(node);
  }
  const rootRef = context.nextRef();
  const link = (nodes: Node[], parent: PDFRef) => {
    nodes.forEach((node, i) => {
      const page = pages[node.bookmark.page];
      if (!page) throw new Error(`书签“${node.bookmark.title}”的页码 ${node.bookmark.page + 1} 超出文档页数`);
      const dict = context.obj({
        Title: PDFHexString.fromText(node.bookmark.title),
        Parent: parent,
        Dest: context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]),
      });
      if (i > 0) dict.set(PDFName.of('Prev'), nodes[i - 1]!.ref);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), nodes[i + 1]!.ref);
      if (node.children.length > 0) {
        dict.set(PDFName.of('First'), node.children[0]!.ref);
        dict.set(PDFName.of('Last'), node.children.at(-1)!.ref);
        // Negative: the level-2 bookmarks start folded under their part.
        dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length));
        link(node.children, node.ref);
      }
      context.assign(node.ref, dict);
    });
  };
  link(top, rootRef);
  const root = context.obj({ Type: 'Outlines', Count: PDFNumber.of(top.length) });
  if (top.length > 0) {
    root.set(PDFName.of('First'), top[0]!.ref);
    root.set(PDFName.of('Last'), top.at(-1)!.ref);
  }
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
