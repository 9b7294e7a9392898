/**
 * Where the print calls happen: shows one print view at a time (front matter, a body job, the page-number labels)
 * and says when it is ready to print, that is when every font slice its text needs has loaded. The stage is not
 * laid out on screen at all: printing lays the page out anew for paper, so a screen layout would be wasted time.
 */
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { PrintView as View } from '../../../shared/print/assemble';
import { pageRulesCss } from '../../../shared/print/page';
import type { PrintModel } from '../../../shared/print/plan';
import { PRINT_SANS, PRINT_SERIF, printFontsCss } from './fonts';
import classes from './Print.module.css';
import { PrintView } from './PrintView';

export interface StageHandle {
  /** Shows the view; resolves when it can be printed. */
  show(view: View): Promise<void>;
}

// Only the app's own tree prints: overlays portalled beside it (Mantine's modals, dropdowns) would each start a page.
const PRINT_ONLY_APP = '@media print{body>:not(#root){display:none!important}}';
const PRINT_CSS = `${printFontsCss()}\n${pageRulesCss()}\n${PRINT_ONLY_APP}`;

/** The bundled fonts and the @page rules: once in every page that shows or prints the document. */
export function PrintStyles({ extra = '' }: { extra?: string }) {
  return <style>{`${PRINT_CSS}\n${extra}`}</style>;
}

function characters(elements: Iterable<Element>): string {
  const set = new Set<string>();
  for (const e of elements) for (const ch of e.textContent ?? '') set.add(ch);
  return [...set].join('');
}

/** Loads the font slices the text under `root` needs: the serif for all of it, the bold sans for the headings. */
export async function loadFonts(root: HTMLElement): Promise<void> {
  await Promise.all([
    document.fonts.load(`16px '${PRINT_SERIF}'`, characters([root])),
    document.fonts.load(`bold 16px '${PRINT_SANS}'`, characters(root.querySelectorAll(`.${classes.sans}`))),
  ]);
}

export function PrintStage({ model, ref }: { model: PrintModel; ref: Ref<StageHandle> }) {
  const [shown, setShown] = useState<{ view: View; done: () => void } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({ show: (view) => new Promise<void>((done) => setShown({ view, done })) }), []);
  useEffect(() => {
    if (!shown) return;
    let current = true;
    void loadFonts(root.current!).then(() => current && shown.done());
    return () => {
      current = false;
    };
  }, [shown]);
  return (
    <div ref={root} className={`${classes.doc} ${classes.stage}`}>
      {shown && <PrintView model={model} view={shown.view} />}
    </div>
  );
}
