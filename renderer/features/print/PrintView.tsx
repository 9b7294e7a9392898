/**
 * The print document as HTML: cover and 目录, the body blocks of a print job (part and section headings, paragraphs,
 * table slices), and the page-number sheets. Tables render the engine's TableView, the same view the editor and the
 * workbook use. Headings that the 目录 lists are the only h1/h2 elements: Chromium's PDF outline is read back to
 * find their pages (shared/print/assemble.ts).
 */
import type { PrintView as View } from '../../../shared/print/assemble';
import { coverLines, type PrintDocument, tocEntries } from '../../../shared/print/document';
import type { JobBlock, PrintModel } from '../../../shared/print/plan';
import { Marker } from './Marker';
import { PartTitle } from './PartTitle';
import classes from './Print.module.css';
import { TableSlice } from './TableSlice';

export function PrintView({ model, view }: { model: PrintModel; view: View }) {
  switch (view.kind) {
    case 'front':
      return <Front doc={model.doc} pages={view.pages} />;
    case 'content':
      return <Blocks blocks={startingAt(model.jobs[view.job]!.blocks, view.start)} />;
    case 'footers':
      return <FooterLabels labels={view.labels} />;
  }
}

/** A job's blocks, its first (a cut table's slice) moved to start at row `start` (see shared/print/plan.ts). */
function startingAt(blocks: readonly JobBlock[], start: number | undefined): readonly JobBlock[] {
  const [first, ...rest] = blocks;
  return start === undefined || first?.kind !== 'table' ? blocks : [{ ...first, from: start }, ...rest];
}

export function Front({ doc, pages }: { doc: PrintDocument; pages: Readonly<Record<string, number>> | null }) {
  return (
    <>
      <div className={classes.cover}>
        <p className={classes.coverTitle}>
          {coverLines(doc).map((line) => (
            <span key={line}>{line}</span>
          ))}
        </p>
        <div className={classes.coverFoot}>
          <p>{doc.department}</p>
          <p>{doc.date}</p>
        </div>
      </div>
      <p className={classes.tocTitle}>目录</p>
      <ol className={classes.toc}>
        {tocEntries(doc).map((e) => (
          <li key={e.id} className={`${classes.tocEntry} ${e.level === 1 ? classes.tocLevel1 : classes.tocLevel2}`}>
            <Marker kind="toc" entryId={e.id}>
              {e.title}
            </Marker>
            <span className={classes.tocLeader} />
            <span className={classes.tocPage}>{pages?.[e.id] ?? ''}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Body blocks in order. A part heading directly followed by a table prints on that table's first page. */
export function Blocks({ blocks }: { blocks: readonly JobBlock[] }) {
  return blocks.map((block, i) => {
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    switch (block.kind) {
      case 'part':
        if (next?.kind === 'table' && next.from === 0) return null;
        return <PartTitle key={block.entry.id} entry={block.entry} newPage={i > 0} />;
      case 'section':
        return (
          <section key={block.entry.id}>
            <h2 className={classes.sectionTitle}>
              <Marker kind="heading" entryId={block.entry.id}>
                {block.entry.heading}
              </Marker>
            </h2>
            <Paragraphs paragraphs={block.paragraphs} />
          </section>
        );
      case 'text':
        return <Paragraphs key={`text${i}`} paragraphs={block.paragraphs} />;
      case 'table': {
        const part = prev?.kind === 'part' ? prev.entry : undefined;
        const start = part ? i - 1 : i;
        return <TableSlice key={`${block.entry.id}:${block.from}`} block={block} partTitle={part} newPage={start > 0} />;
      }
    }
  });
}

function Paragraphs({ paragraphs }: { paragraphs: readonly string[] }) {
  return paragraphs.map((p, i) => (
    <p key={i} className={classes.paragraph}>
      {p}
    </p>
  ));
}

export function FooterLabels({ labels }: { labels: readonly string[] }) {
  return labels.map((label, i) => (
    <div key={i} className={classes.footerLabel}>
      {label}
    </div>
  ));
}
