import { describe, expect, it } from 'vitest';
import { guizhouBook } from '../../tests/support/books';
import { findTemplate } from '../template/registry';
import { ValidationError } from '../validation/issues';
import { bookChecksum, canonicalJson } from './checksum';
import { bookFileName, serializeBook } from './export';
import { readBookFileText } from './import';

const book = guizhouBook();

async function problemsOf(text: string): Promise<{ where: string; message: string }[]> {
  try {
    await readBookFileText(text, findTemplate);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('the checksum', () => {
  it('is the same for the same content in any key order or indentation, and differs for 0.01', async () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(book).reverse()), null, 4)) as typeof book;
    expect(await bookChecksum(reordered)).toBe(await bookChecksum(book));
    const changed = structuredClone(book);
    changed.data['basic']![0]!['gpb'] = '123.54'; // was 123.53
    expect(await bookChecksum(changed)).not.toBe(await bookChecksum(book));
  });

  it('is taken over everything but itself', async () => {
    const withSum = { ...book, checksum: 'sha256:' + '0'.repeat(64) };
    expect(await bookChecksum(withSum)).toBe(await bookChecksum(book));
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: undefined }] })).toBe('{"a":[{"d":"x"}],"b":1}');
  });
});

describe('reading a book file for import', () => {
  it('accepts an exported file, with its checksum, and gives back the same content', async () => {
    const text = await serializeBook(book);
    expect(text).toMatch(/"checksum": "sha256:[0-9a-f]{64}"\n}\n$/);
    const { book: loaded, migratedFrom } = await readBookFileText(text, findTemplate);
    expect(migratedFrom).toBeUndefined();
    const { checksum: _c, ...content } = loaded.file;
    expect(content).toEqual(book);
  });

  it('accepts a file without a checksum (written before checksums existed)', async () => {
    const { book: loaded } = await readBookFileText(JSON.stringify(book), findTemplate);
    expect(loaded.units.map((u) => u.code)).toEqual(['261001', '261101']);
  });

  it('rejects a 0.01 change made after export, naming the checksum', async () => {
    const text = (await serializeBook(book)).replace('"gpb": "123.53"', '"gpb": "123.54"');
    expect(await problemsOf(text)).toEqual([{ where: 'checksum', message: expect.stringContaining('校验码与文件内容不符') }]);
  });

  it('lists a broken checksum together with every other problem', async () => {
    const text = (await serializeBook(book)).replace('"econ": "30108"', '"econ": "39999"');
    const problems = await problemsOf(text);
    expect(problems.map((p) => p.where)).toEqual(['checksum', 'data.basic[0]（记录 b001） 字段 econ（部门预算经济分类科目）']);
    expect(problems[1]!.message).toMatch(/^未知的.*编码“39999”$/);
  });

  it('rejects a truncated file', async () => {
    const text = await serializeBook(book);
    expect(await problemsOf(text.slice(0, text.length / 2))).toEqual([
      { where: '文件末尾', message: '文件不完整，可能在复制或保存时被截断' },
    ]);
  });

  it('rejects wrong types with their places', async () => {
    const broken = structuredClone(book) as unknown as { year: unknown; units: { name: unknown }[] };
    broken.year = '2024';
    broken.units[1]!.name = 7;
    const problems = await problemsOf(JSON.stringify(broken));
    expect(problems).toEqual([
      { where: 'year', message: '应为数字，实际为文本' },
      { where: 'units[1].name', message: '应为文本，实际为数字' },
    ]);
  });

  it('rejects a file of a template the program does not have', async () => {
    const other = { ...book, template: { id: 'sichuan-budget-2024', version: 1 } };
    expect(await problemsOf(JSON.stringify(other))).toEqual([
      { where: 'template', message: '找不到模板“sichuan-budget-2024”第 1 版' },
    ]);
  });

  it('rejects a file of a newer format version', async () => {
    const newer = { ...book, formatVersion: 2 };
    expect((await problemsOf(JSON.stringify(newer)))[0]!.message).toContain('请升级程序');
  });

  it('names a file after its department and year', () => {
    expect(bookFileName(book)).toBe('贵州省医疗保障局-2024年.budget.json');
  });
});

describe('migrating version-0 files (amounts as JSON numbers)', () => {
  /** The reference book as the pre-release program wrote it: every amount a number. */
  function version0(): unknown {
    const datasets = findTemplate(book.template.id, book.template.version)!.datasets;
    const asNumber = (dataset: string, field: string, v: string) => (datasets[dataset]?.fields[field]?.type === 'amount' ? Number(v) : v);
    const data = Object.fromEntries(
      Object.entries(book.data).map(([name, records]) => [
        name,
        records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asNumber(name, k, v)]))),
      ]),
    );
    return { ...book, formatVersion: 0, data };
  }

  it('reads a version-0 file as the same book', async () => {
    const v0 = version0() as { data: { basic: { gpb: unknown }[] } };
    expect(v0.data.basic[0]!.gpb).toBe(123.53);
    const { book: loaded, migratedFrom } = await readBookFileText(JSON.stringify(v0), findTemplate);
    expect(migratedFrom).toBe(0);
    expect(loaded.file.formatVersion).toBe(1);
    // Decimal text that came from a number loses trailing zeros ("40.00" → "40"): the same amount.
    expect(loaded.records.get('basic')![0]!.amounts).toEqual([123_530_000, 0, 0, 0, 0, 0, 0, 0, 0]); // 123.53 万元 in 分;
    expect(loaded.file.data['projectLines']![1]!['gpb']).toBe('40');
  });

  it('reports an amount with binary noise instead of rounding it', async () => {
    const v0 = version0() as { data: { basic: Record<string, unknown>[] } };
    v0.data.basic[0]!['gpb'] = 0.1 + 0.2;
    expect(await problemsOf(JSON.stringify(v0))).toEqual([
      { where: 'data.basic[0]（记录 b001） 字段 gpb（一般公共预算）', message: '“0.30000000000000004”超过2位小数' },
    ]);
  });
});
