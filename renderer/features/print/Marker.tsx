/**
 * The marker links of shared/print/links.ts: around the headings and 目录 lines, and as a tiny empty link at the
 * start of a marked table row. They are on when the document is printed in jobs (the joining reads and then removes
 * them) and off for the browser's own print, where they would stay in the PDF as links to a made-up address.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { headingHref, rowHref, tocHref } from '../../../shared/print/links';
import classes from './Print.module.css';

export const MarkersOn = createContext(true);

type MarkerProps =
  | { readonly kind: 'heading' | 'toc'; readonly entryId: string; readonly children: ReactNode }
  | { readonly kind: 'row'; readonly row: number };

export function Marker(props: MarkerProps) {
  const on = useContext(MarkersOn);
  if (props.kind === 'row') return on ? <a className={classes.rowMarker} href={rowHref(props.row)} aria-hidden="true" /> : null;
  if (!on) return props.children;
  return <a href={props.kind === 'heading' ? headingHref(props.entryId) : tocHref(props.entryId)}>{props.children}</a>;
}
