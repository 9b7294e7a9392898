import type { TocEntry } from '../../../shared/print/document';
import { Marker } from './Marker';
import classes from './Print.module.css';

/** A part's heading (its title from the template's outline): a part opens a new page unless it is the first thing printed. */
export function PartTitle({ entry, newPage }: { entry: TocEntry; newPage: boolean }) {
  return (
    <h1 className={`${classes.partTitle} ${newPage ? classes.newPage : ''}`}>
      <Marker kind="heading" entryId={entry.id}>
        {entry.heading}
      </Marker>
    </h1>
  );
}
