/**
 * The book file as it stands now. Engine.setAmount changes a loaded record's amount without touching the file the
 * book was loaded from, so the 数据包 written into a workbook takes every amount from the records; an amount that
 * did not change keeps the text it was entered with.
 */
import type { LoadedBook } from '../book/load';
import type { BookFile } from '../book/schema';
import { amountToPlain, parseStoredAmount } from '../money/money';

export function currentBookFile(book: LoadedBook): BookFile {
  const file = structuredClone(book.file);
  for (const [dataset, records] of Object.entries(file.data)) {
    const shape = book.shapes.get(dataset);
    const loaded = book.recordById.get(dataset);
    if (!shape || !loaded) continue;
    for (const record of records) {
      const now = loaded.get(record.id);
      if (!now) continue;
      shape.amountFields.forEach((field, i) => {
        const amount = now.amounts[i]!;
        const entered = record[field];
        const before = entered === undefined || entered === '' ? 0 : parseStoredAmount(entered, book.template.money);
        const unchanged = typeof before === 'number' ? before === amount : before.ok && before.value === amount;
        if (!unchanged) record[field] = amountToPlain(amount, book.template.money);
      });
    }
  }
  return file;
}
