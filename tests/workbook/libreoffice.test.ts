/**
 * A real spreadsheet recalculates the workbook: LibreOffice headless, with a profile that forces recalculation on
 * load (by default it shows the cached values of an .xlsx), converts a copy whose cached results were all made
 * wrong; every formula it recomputes must come out as the figure we cached.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guizhouBook } from '../support/books';
import { editWorkbook, exportBook, formulaOf, openWorkbook, shown } from './support';

const SOFFICE = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
const STALE = 999_999.99;
const dir = mkdtempSync(path.join(tmpdir(), 'budget-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A LibreOffice user profile whose only setting is OOXMLRecalcMode = 0: always recalculate .xlsx on load. */
function recalculatingProfile(): string {
  const profile = path.join(dir, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return profile;
}

describe('LibreOffice recalculation', () => {
  it('recomputes every 合计, subtotal and 栏次 formula to the cached figure', { timeout: 180_000 }, async () => {
    if (!SOFFICE) {
      expect.fail('LibreOffice (soffice) is not installed: install the Debian package libreoffice-calc-nogui (apt-get install -y --no-install-recommends libreoffice-calc-nogui)');
    }
    const bytes = await exportBook(guizhouBook());
    const cached = new Map<string, number>();
    const original = await openWorkbook(bytes);
    for (const ws of original.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (formulaOf(cell)) cached.set(`${ws.name}!${cell.address}`, shown(cell) as number);
        }),
      );
    }
    expect(cached.size).toBeGreaterThan(1000);

    const stale = await editWorkbook(bytes, (wb) => {
      for (const ws of wb.worksheets) {
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const formula = formulaOf(cell);
            if (formula) cell.value = { formula, result: STALE };
          }),
        );
      }
    });
    const input = path.join(dir, 'stale.xlsx');
    writeFileSync(input, stale);
    const out = path.join(dir, 'out');
    execFileSync(
      SOFFICE,
      [`-env:UserInstallation=file://${recalculatingProfile()}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, input],
      { stdio: 'pipe', timeout: 150_000 },
    );
    const recalculated = await openWorkbook(readFileSync(path.join(out, 'stale.xlsx')));
    const wrong: string[] = [];
    for (const [key, value] of cached) {
      const [sheet, address] = key.split('!') as [string, string];
      const cell = recalculated.getWorksheet(sheet)!.getCell(address);
      const got = shown(cell);
      if (typeof got !== 'number' || Math.abs(got - value) > 1e-6) wrong.push(`${key}: cached ${value}, LibreOffice ${got}`);
    }
    expect(wrong).toEqual([]);
  });
});
