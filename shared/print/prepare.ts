import type { Engine } from '../engine/engine';
import { generateNarrative } from '../narrative/generate';
import { buildPrintDocument } from './document';
import { JOB_CELLS, type PrintModel, printModel } from './plan';

/** The print document of the engine's book (its figures and its texts as they stand), cut into print jobs. */
export function preparePrint(engine: Engine, date: Date, jobCells = JOB_CELLS): PrintModel {
  return printModel(buildPrintDocument(engine, generateNarrative(engine), date), jobCells);
}
