import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import functional2024 from '../../templates/catalogues/functional-2024.json';
import { findTemplate } from '../template/registry';
import { type Problem, ValidationError } from '../validation/issues';
import { type LoadedBook, loadBook } from './load';
import { parseJsonText, readBookText } from './read';

const EXAMPLE_TEXT = readFileSync(new URL('../../examples/guizhou-2024.budget.json', import.meta.url), 'utf8');

// A fresh, freely editable copy of the example book.
type Json = any;
const example = (): Json => JSON.parse(EXAMPLE_TEXT);

function rejection(load: () => unknown): ValidationError {
  try {
    load();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected the book to be rejected');
}

/** The problems of a copy of the example changed by `edit`. */
function problemsOf(edit: (book: Json) => void): Problem[] {
  const book = example();
  edit(book);
  const e = rejection(() => loadBook(book, findTemplate));
  expect(e.subject).toBe('数据包');
  expect(e.message).toContain(`数据包有 ${e.problems.length} 处问题`);
  return e.problems;
}

const sumOf = (book: LoadedBook, datasets: string[], field?: string): number => {
  let sum = 0;
  for (const name of datasets) {
    const shape = book.shapes.get(name)!;
    for (const r of book.records.get(name) ?? []) {
      if (field === undefined) for (const a of r.amounts) sum += a;
      else sum += r.amounts[shape.amountIndex.get(field)!]!;
    }
  }
  return sum;
};

describe('the example book', () => {
  it('loads, with every record resolved', () => {
    const raw = example();
    const book = readBookText(EXAMPLE_TEXT, findTemplate);
    expect(book.template.id).toBe('guizhou-budget-2024');
    expect(book.file.department).toEqual({ code: '261', name: '贵州省医疗保障局' });
    expect(book.units.map((u) => u.code)).toEqual(['261001', '261101']);
    for (const [name, list] of Object.entries(raw.data as Record<string, unknown[]>)) {
      expect(book.records.get(name), name).toHaveLength(list.length);
    }
  });

  it('derives fields: 基本支出类别 from the economic code, a project line’s unit and 资金来源 from its project', () => {
    const book = readBookText(EXAMPLE_TEXT, findTemplate);
    const b001 = book.recordById.get('basic')!.get('b001')!;
    expect(b001.fields['econ']).toBe('30108');
    expect(b001.fields['category']).toBe('人员类项目支出'); // 301xx → 人员类
    const pl001 = book.recordById.get('projectLines')!.get('pl001')!;
    expect(pl001.fields['project']).toBe('p01');
    expect(pl001.fields['unit']).toBe('261001');
    expect(pl001.fields['origin']).toBe('省本级财力安排');
  });

  it('holds amounts in exact 分 that add up to the published totals', () => {
    const book = readBookText(EXAMPLE_TEXT, findTemplate);
    // 表1 一、本年收入 46 156.15 万元 = the two units’ 一般公共预算拨款 (10 931.32 + 35 224.83).
    expect(sumOf(book, ['income'], 'gpb')).toBe(46_156_150_000);
    // 表1 一、本年支出 47 881.17 万元 = every amount of 基本支出 and 项目支出.
    expect(sumOf(book, ['basic', 'projectLines'])).toBe(47_881_170_000);
  });
});

describe('a file that is not valid JSON', () => {
  it('cut in the middle: the message says it is incomplete', () => {
    const text = EXAMPLE_TEXT.trimEnd();
    for (const cut of [1, 10, 100, 1000, Math.floor(text.length / 2), text.length - 1]) {
      const e = rejection(() => readBookText(text.slice(0, cut), findTemplate));
      expect(e.problems, `cut at ${cut}`).toEqual<Problem[]>([{ where: '文件末尾', message: '文件不完整，可能在复制或保存时被截断' }]);
    }
  });

  it('empty: also reported as incomplete, not as a crash', () => {
    expect(rejection(() => readBookText('', findTemplate)).problems[0]!.message).toContain('不完整');
  });

  it('a missing comma in the middle: the message gives 第 N 行', () => {
    const lines = EXAMPLE_TEXT.split('\n');
    const k = lines.indexOf('    "func": "2080505",');
    expect(k).toBeGreaterThan(0);
    lines[k] = '    "func": "2080505"';
    const e = rejection(() => readBookText(lines.join('\n'), findTemplate));
    // The parser stops at the next key, on the following line, after its 4 spaces of indent.
    expect(e.problems).toEqual<Problem[]>([{ where: `第 ${k + 2} 行第 5 列`, message: '不是有效的 JSON（括号、引号或逗号有误）' }]);
    expect(e.message).toContain(`第 ${k + 2} 行`);
  });

  it('an unexpected word or bracket in the middle: 第 N 行 at the token, not 文件末尾', () => {
    const lines = EXAMPLE_TEXT.split('\n');
    const k = lines.indexOf('    "func": "2080505",');
    lines[k] = '    "func": abc,';
    const e = rejection(() => readBookText(lines.join('\n'), findTemplate));
    expect(e.problems).toEqual<Problem[]>([{ where: `第 ${k + 1} 行第 13 列`, message: '不是有效的 JSON（括号、引号或逗号有误）' }]);

    // A trailing comma in a list: `["a", "b",]`.
    const e2 = rejection(() => parseJsonText('{\n "a": [\n  1,\n  2,\n ]\n}', '数据包'));
    expect(e2.problems).toEqual<Problem[]>([{ where: '第 5 行第 2 列', message: '不是有效的 JSON（括号、引号或逗号有误）' }]);
  });

  it('a byte-order mark does not shift the reported column', () => {
    const text = '{\n "a": 1\n "b": 2\n}';
    const plain = rejection(() => parseJsonText(text, '数据包')).problems;
    expect(plain).toEqual<Problem[]>([{ where: '第 3 行第 2 列', message: '不是有效的 JSON（括号、引号或逗号有误）' }]);
    expect(rejection(() => parseJsonText(`\uFEFF${text}`, '数据包')).problems).toEqual(plain);
    expect(parseJsonText('\uFEFF{"a": 1}', '数据包')).toEqual({ a: 1 });
  });
});

describe('a broken book fails with every problem and its place', () => {
  it('wrong types are named, not reported as missing', () => {
    expect(problemsOf((b) => (b.year = '2024'))).toEqual<Problem[]>([{ where: 'year', message: '应为数字，实际为文本' }]);
    expect(problemsOf((b) => (b.data.basic[0].gpb = 123.53))).toEqual<Problem[]>([
      { where: 'data.basic[0].gpb', message: '应为文本，实际为数字' },
    ]);
    expect(problemsOf((b) => delete b.department)).toEqual<Problem[]>([{ where: 'department', message: '缺少此项（应为对象）' }]);
  });

  it('an unknown 功能分类 code in a basic line', () => {
    expect(problemsOf((b) => (b.data.basic[0].func = '2109999'))).toEqual<Problem[]>([
      { where: 'data.basic[0]（记录 b001） 字段 func（功能分类科目）', message: '未知的支出功能分类科目（2024年）编码“2109999”' },
    ]);
  });

  it('a 功能分类 code of the wrong level (a 类 where a 项 is required)', () => {
    expect(problemsOf((b) => (b.data.basic[2].func = '210'))).toEqual<Problem[]>([
      { where: 'data.basic[2]（记录 b003） 字段 func（功能分类科目）', message: '编码“210”应为 7 位' },
    ]);
  });

  it('text in an amount field', () => {
    expect(problemsOf((b) => (b.data.basic[0].gpb = '12a'))).toEqual<Problem[]>([
      { where: 'data.basic[0]（记录 b001） 字段 gpb（一般公共预算）', message: '“12a”不是有效金额' },
    ]);
  });

  it('an amount with 3 decimals', () => {
    expect(problemsOf((b) => (b.data.basic[0].gpb = '123.535'))).toEqual<Problem[]>([
      { where: 'data.basic[0]（记录 b001） 字段 gpb（一般公共预算）', message: '“123.535”超过2位小数' },
    ]);
  });

  it('an amount too large to be exact is a problem, not a crash', () => {
    expect(problemsOf((b) => (b.data.income[0].gpb = '99999999999'))).toEqual<Problem[]>([
      { where: 'data.income[0]（记录 inc-261001） 字段 gpb（一般公共预算拨款）', message: '“99999999999”超出可处理的金额范围' },
    ]);
  });

  it('a reference to a missing project', () => {
    expect(problemsOf((b) => (b.data.projectLines[0].project = 'p99'))).toEqual<Problem[]>([
      { where: 'data.projectLines[0]（记录 pl001） 字段 project（项目）', message: '引用的记录“p99”在数据集“项目”中不存在' },
    ]);
  });

  it('an unknown unit code', () => {
    expect(problemsOf((b) => (b.data.basic[0].unit = '261999'))).toEqual<Problem[]>([
      { where: 'data.basic[0]（记录 b001） 字段 unit（单位）', message: '单位编码“261999”不在本账套的单位列表中' },
    ]);
  });

  it('a duplicate record id', () => {
    expect(problemsOf((b) => (b.data.basic[1].id = 'b001'))).toEqual<Problem[]>([
      { where: 'data.basic[1]', message: '记录编号“b001”重复' },
    ]);
  });

  it('a per-unit dataset with two records for one unit', () => {
    expect(problemsOf((b) => (b.data.income[1].unit = '261001'))).toEqual<Problem[]>([
      { where: 'data.income[1]（记录 inc-261101）', message: '单位“261001”在“收入预算”中只能有一条记录' },
    ]);
  });

  it('an unknown template id', () => {
    expect(problemsOf((b) => (b.template.id = 'guizhou-budget-2025'))).toEqual<Problem[]>([
      { where: 'template', message: '找不到模板“guizhou-budget-2025”第 1 版' },
    ]);
  });

  it('a newer formatVersion', () => {
    expect(problemsOf((b) => (b.formatVersion = 2))).toEqual<Problem[]>([
      { where: 'formatVersion', message: '文件版本 2 比本程序支持的版本 1 新，请升级程序后再打开' },
    ]);
  });

  it('a derived field written in the file', () => {
    expect(problemsOf((b) => (b.data.basic[0].category = '人员类项目支出'))).toEqual<Problem[]>([
      { where: 'data.basic[0]（记录 b001） 字段 category（基本支出类别）', message: '此字段由程序推导，不应填写' },
    ]);
    expect(problemsOf((b) => (b.data.projectLines[0].unit = '261001'))).toEqual<Problem[]>([
      { where: 'data.projectLines[0]（记录 pl001） 字段 unit（单位）', message: '此字段由程序推导，不应填写' },
    ]);
  });

  it('unknown fields, datasets, unit kinds, enum values, empty required text, manual tables', () => {
    expect(problemsOf((b) => (b.data.basic[0].gbp = '1.00'))).toEqual<Problem[]>([
      { where: 'data.basic[0]（记录 b001） 字段 gbp', message: '数据集“基本支出明细”没有此字段' },
    ]);
    expect(problemsOf((b) => (b.data.incomes = []))).toEqual<Problem[]>([{ where: 'data.incomes', message: '模板中没有数据集“incomes”' }]);
    expect(problemsOf((b) => (b.units[0].kind = '企业'))).toEqual<Problem[]>([
      { where: 'units[0].kind', message: '单位性质“企业”无效，应为行政、参公、事业之一' },
    ]);
    expect(problemsOf((b) => (b.data.projects[0].origin = '市级'))).toEqual<Problem[]>([
      { where: 'data.projects[0]（记录 p01） 字段 origin（资金来源）', message: '“市级”无效，应为省本级财力安排、中央补助之一' },
    ]);
    expect(problemsOf((b) => (b.data.projects[0].name = ' '))).toEqual<Problem[]>([
      { where: 'data.projects[0]（记录 p01） 字段 name（项目名称）', message: '不能为空' },
    ]);
    expect(problemsOf((b) => (b.manual = { T99: [] }))).toEqual<Problem[]>([{ where: 'manual.T99', message: '模板中没有表“T99”' }]);
  });

  it('reports all problems at once, not just the first', () => {
    const problems = problemsOf((b) => {
      b.units[1].kind = '企业';
      b.data.basic[0].func = '2109999';
      b.data.basic[3].gpb = '12a';
      b.data.basic[4].gpb = '1.005';
      b.data.projectLines[0].project = 'p99';
      b.data.income[1].unit = '261001';
    });
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(
      expect.arrayContaining<Problem>([
        { where: 'units[1].kind', message: '单位性质“企业”无效，应为行政、参公、事业之一' },
        { where: 'data.basic[0]（记录 b001） 字段 func（功能分类科目）', message: '未知的支出功能分类科目（2024年）编码“2109999”' },
        { where: 'data.basic[3]（记录 b004） 字段 gpb（一般公共预算）', message: '“12a”不是有效金额' },
        { where: 'data.basic[4]（记录 b005） 字段 gpb（一般公共预算）', message: '“1.005”超过2位小数' },
        { where: 'data.projectLines[0]（记录 pl001） 字段 project（项目）', message: '引用的记录“p99”在数据集“项目”中不存在' },
        { where: 'data.income[1]（记录 inc-261101）', message: '单位“261001”在“收入预算”中只能有一条记录' },
      ]),
    );
  });

  it('reports every schema problem at once', () => {
    const problems = problemsOf((b) => {
      b.year = '2024';
      b.units = [];
      b.data.basic[0].gpb = 1;
    });
    expect(problems).toEqual(
      expect.arrayContaining<Problem>([
        { where: 'year', message: '应为数字，实际为文本' },
        { where: 'units', message: '至少需要一个预算单位' }, // the schema's own Chinese message
        { where: 'data.basic[0].gpb', message: '应为文本，实际为数字' },
      ]),
    );
    expect(problems).toHaveLength(3);
  });
});

describe('extraCodes', () => {
  const NAME = '其他医疗保障管理事务支出';

  it('a code missing from the catalogue loads when the book adds it, and its name is used', () => {
    const raw = example();
    raw.data.basic[0].func = '2109999';
    raw.extraCodes = { functional: [{ code: '2109999', name: NAME }] };
    const book = loadBook(raw, findTemplate);
    expect(book.recordById.get('basic')!.get('b001')!.fields['func']).toBe('2109999');
    expect(book.codes.has('functional', '2109999')).toBe(true);
    expect(book.codes.name('functional', '2109999')).toBe(NAME);
    // Only in the catalogue it was added to.
    expect(book.codes.has('deptEconomic', '2109999')).toBe(false);
  });

  it('does not rename a code the catalogue already has', () => {
    const raw = example();
    raw.extraCodes = { functional: [{ code: '2080505', name: '改名' }] };
    const book = loadBook(raw, findTemplate);
    const official = functional2024.entries.find((e) => e.code === '2080505')!.name;
    expect(book.codes.name('functional', '2080505')).toBe(official);
  });

  it('without extraCodes the same code is rejected', () => {
    const raw = example();
    raw.data.basic[0].func = '2109999';
    expect(rejection(() => loadBook(raw, findTemplate)).problems.map((p) => p.message)).toEqual(['未知的支出功能分类科目（2024年）编码“2109999”']);
  });

  it('codes added for a catalogue the template does not have are refused', () => {
    const problems = problemsOf((book) => {
      book.extraCodes = { functionl: [{ code: '2109999', name: '其他' }] };
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.where).toBe('extraCodes.functionl');
    expect(problems[0]!.message).toContain('模板中没有目录“functionl”');
  });
});
