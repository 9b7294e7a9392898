/**
 * #/print-file: the print view of a book file handed over by the command line (no IndexedDB involved). The page
 * reads the file as the app reads one, plans the document and hands a driver to the program (shared/print/driver.ts).
 */
import { useEffect, useMemo, useRef } from 'react';
import { readBookText } from '../../../shared/book/read';
import { Engine } from '../../../shared/engine/engine';
import { PRINT_DRIVER_KEY, PRINT_INPUT_KEY, type PrintDriver, type PrintInput } from '../../../shared/print/driver';
import type { PrintModel } from '../../../shared/print/plan';
import { preparePrint } from '../../../shared/print/prepare';
import { findTemplate } from '../../../shared/template/registry';
import { PrintStage, PrintStyles, type StageHandle } from './PrintStage';

type Slots = Record<typeof PRINT_INPUT_KEY, PrintInput | undefined> & Record<typeof PRINT_DRIVER_KEY, PrintDriver | undefined>;
const slots = window as unknown as Slots;

function modelOfInput(): PrintModel | string {
  const input = slots[PRINT_INPUT_KEY];
  if (!input) return '没有收到要打印的数据包';
  try {
    return preparePrint(Engine.run(readBookText(input.bookText, findTemplate)), new Date(input.date), input.jobCells);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function PrintFilePage() {
  const model = useMemo(modelOfInput, []);
  const stage = useRef<StageHandle>(null);
  useEffect(() => {
    slots[PRINT_DRIVER_KEY] =
      typeof model === 'string'
        ? { ready: false, error: model }
        : { ready: true, info: model.info, show: (view) => stage.current!.show(view) };
  }, [model]);
  if (typeof model === 'string') return <p>{model}</p>;
  return (
    <>
      <PrintStyles />
      <PrintStage model={model} ref={stage} />
    </>
  );
}
