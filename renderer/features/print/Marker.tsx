/**
 * The marker links of shared/print/links.ts around the headings and 目录 lines. They are on when the document is
 * printed in jobs (the joining reads and then removes them) and off for the browser's own print, where they would
 * stay in the PDF as links to a made-up address.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { headingHref, tocHref } from '../../../shared/print/links';

export const MarkersOn = createContext(true);

export function Marker({ kind, entryId, children }: { kind: 'heading' | 'toc'; entryId: string; children: ReactNode }) {
  if (!useContext(MarkersOn)) return children;
  return <a href={kind === 'heading' ? headingHref(entryId) : tocHref(entryId)}>{children}</a>;
}
