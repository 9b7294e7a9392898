import { describe, expect, it } from 'vitest';
import deptEconomic2024 from '../../templates/catalogues/dept-economic-2024.json';
import econMapping2024 from '../../templates/catalogues/econ-mapping-2024.json';
import functional2024 from '../../templates/catalogues/functional-2024.json';
import functionalClasses2024 from '../../templates/catalogues/functional-classes-2024.json';
import govEconomic2024 from '../../templates/catalogues/gov-economic-2024.json';
import shippedNarrative from '../../templates/guizhou-budget-2024/narrative.json';
import shipped from '../../templates/guizhou-budget-2024/template.json';
import { type Problem, ValidationError } from '../validation/issues';
import { type CatalogueFiles, checkTemplate, loadTemplate } from './load';
import { allTemplates, findTemplate } from './registry';

/** The catalogue files by name, as registry.ts passes them. */
const FILES: CatalogueFiles = {
  'functional-2024': functional2024,
  'functional-classes-2024': functionalClasses2024,
  'dept-economic-2024': deptEconomic2024,
  'gov-economic-2024': govEconomic2024,
  'econ-mapping-2024': econMapping2024,
};

/** The parts of the shipped narrative file, which the template's document places. */
const NARRATIVE_PARTS = shippedNarrative.parts.map((p) => p.id);

// The template JSON, edited freely by the tests below.
type Json = any;

const SUBJECT = '模板“guizhou-budget-2024”';

function table(t: Json, id: string): Json {
  const found = t.tables.find((x: Json) => x.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function leaf(tableJson: Json, key: string): Json {
  const search = (nodes: Json[]): Json => {
    for (const n of nodes) {
      if (n.children) {
        const r = search(n.children);
        if (r) return r;
      } else if (n.key === key) return n;
    }
    return undefined;
  };
  const found = search(tableJson.columns);
  if (!found) throw new Error(`no column ${key} in ${tableJson.id}`);
  return found;
}

/** Loads a copy of the shipped template changed by `edit`; returns the ValidationError it must throw. */
function broken(edit: (t: Json, files: CatalogueFiles) => void): ValidationError {
  const t: Json = structuredClone(shipped);
  const files: CatalogueFiles = { ...FILES };
  edit(t, files);
  try {
    loadTemplate(t, files, NARRATIVE_PARTS);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected the broken template to be rejected');
}

describe('the shipped template', () => {
  it('loads through the registry, with its 14 tables and resolved catalogues', () => {
    const all = allTemplates();
    expect(all.map((t) => t.id)).toEqual(['guizhou-budget-2024', 'guizhou-final-2023']);
    const t = all[0]!;
    expect(t.version).toBe(1);
    expect(t.money).toEqual({ unit: '万元', decimals: 2 });
    expect(t.tables.map((x) => x.id)).toEqual(Array.from({ length: 14 }, (_, i) => `T${i + 1}`));
    expect(t.tables.map((x) => x.caption)).toEqual(Array.from({ length: 14 }, (_, i) => `表${i + 1}`));
    expect(t.catalogues['functional']?.entries).toEqual(functional2024.entries);
    expect(t.catalogues['functionalClasses']?.entries).toHaveLength(29);
    expect(t.mappings['econMapping']?.label).toBe(econMapping2024.label);
    expect(checkTemplate(t, NARRATIVE_PARTS)).toEqual([]);
  });

  it('is found by id and version only', () => {
    expect(findTemplate('guizhou-budget-2024', 1)).toBe(allTemplates()[0]);
    expect(findTemplate('guizhou-budget-2024', 2)).toBeUndefined();
    expect(findTemplate('guizhou-budget-2025', 1)).toBeUndefined();
  });

  it('loads from a copy with the catalogue files', () => {
    const t = loadTemplate(structuredClone(shipped), FILES, NARRATIVE_PARTS);
    expect(t.id).toBe('guizhou-budget-2024');
    expect(t.rules.length).toBe(shipped.rules.length);
  });
});

describe('a broken template fails at load, naming the table and field', () => {
  it('a formula referencing a missing column', () => {
    const e = broken((t) => {
      const income = table(t, 'T1').panels[0].rows[0].row;
      expect(income.cells.in).toBe('=T2[total].c2');
      income.cells.in = '=T2[total].c99';
    });
    expect(e.subject).toBe(SUBJECT);
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T1（表1） 行 income 列 in', message: '公式引用了表 T2 中不存在的列“c99”' }]);
    expect(e.message).toContain(`${SUBJECT}有 1 处问题`);
    expect(e.message).toContain('表 T1（表1） 行 income 列 in：公式引用了表 T2 中不存在的列“c99”');
  });

  it('a formula with a syntax error', () => {
    const e = broken((t) => {
      table(t, 'T1').panels[0].rows[0].row.cells.in = '=T2[total].c2 +';
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: '表 T1（表1） 行 income 列 in', message: '公式“T2[total].c2 +”第 15 个字符处：公式不完整' },
    ]);
  });

  it('a column formula referencing a missing table', () => {
    const e = broken((t) => {
      const c1 = leaf(table(t, 'T5'), 'c1');
      expect(c1.formula).toBe('T3[@].c5');
      c1.formula = 'T33[@].c5';
    });
    expect(e.problems).toContainEqual<Problem>({ where: '表 T5（表5） 列 c1 公式', message: '公式引用了不存在的表“T33”' });
  });

  it('a 栏次 referencing a missing column number', () => {
    const e = broken((t) => {
      const c1 = leaf(table(t, 'T2'), 'c1');
      expect(c1.colNo).toBe('1=2+14');
      c1.colNo = '1=2+41';
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T2（表2） 列 c1 栏次“1=2+41”', message: '没有栏次为 41 的列' }]);
  });

  it('a malformed 栏次', () => {
    const e = broken((t) => {
      leaf(table(t, 'T2'), 'c1').colNo = '1=2+';
    });
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.where).toBe('表 T2（表2） 列 c1 栏次');
    expect(e.problems[0]!.message).toContain('栏次公式应形如');
  });

  it('colNoRules that do not match the equations of the 栏次', () => {
    const e = broken((t) => {
      leaf(table(t, 'T3'), 'c2').colNoRules = ['I-16'];
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: '表 T3（表3） 列 c2 colNoRules', message: '应有 2 个规则编号，与栏次公式的等式个数一致' },
    ]);
  });

  it('a source naming a field that is not an amount', () => {
    const e = broken((t) => {
      const c4 = leaf(table(t, 'T2'), 'c4');
      expect(c4.source).toEqual({ income: 'gpb' });
      c4.source = { income: 'unit' };
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T2（表2） 列 c4 来源 income', message: '“unit”不是数据集 income 的金额字段' }]);
  });

  it('a misspelt field in a source expression', () => {
    const e = broken((t) => {
      leaf(table(t, 'T3'), 'c18').source = { basic: 'biz+opr+upper+affil+other' };
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T3（表3） 列 c18 来源 basic', message: '“opr”不是数据集 basic 的金额字段' }]);
  });

  it('a source naming a missing dataset', () => {
    const e = broken((t) => {
      leaf(table(t, 'T2'), 'c4').source = { incomes: 'gpb' };
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T2（表2） 列 c4 来源', message: '不存在的数据集“incomes”' }]);
  });

  it('a missing catalogue file', () => {
    const e = broken((_t, files) => {
      delete files['functional-2024'];
    });
    expect(e.subject).toBe(SUBJECT);
    expect(e.problems).toEqual<Problem[]>([{ where: '目录 functional', message: '找不到文件“functional-2024”' }]);
  });

  it('a catalogue named by a file that does not exist', () => {
    const e = broken((t) => {
      t.catalogues.functional = 'functional-2025';
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '目录 functional', message: '找不到文件“functional-2025”' }]);
  });

  it('a malformed catalogue file', () => {
    const e = broken((_t, files) => {
      files['functional-2024'] = { label: '支出功能分类科目', entries: [{ code: 201, name: '一般公共服务支出' }] };
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '目录文件“functional-2024”的 entries[0].code', message: '应为文本，实际为数字' }]);
  });

  it('a missing mapping file', () => {
    const e = broken((_t, files) => {
      delete files['econ-mapping-2024'];
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '对照表 econMapping', message: '找不到文件“econ-mapping-2024”' }]);
  });

  it('an unknown dataset in a group', () => {
    const e = broken((t) => {
      const group = table(t, 'T2').rows[0].group;
      expect(group.sources).toEqual(['income']);
      group.sources = ['incomes'];
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T2（表2）', message: '分组来源引用了不存在的数据集“incomes”' }]);
  });

  it('a grouping field the dataset does not have', () => {
    const e = broken((t) => {
      table(t, 'T2').rows[0].group.levels[2].by = ['unt'];
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '表 T2（表2） 层级“单位”', message: '数据集 income 没有分组字段“unt”' }]);
  });

  it('a rule referencing a missing table', () => {
    const e = broken((t) => {
      expect(t.rules[0].id).toBe('I-1');
      t.rules[0].lhs = 'T15[income].in';
    });
    expect(e.problems).toEqual<Problem[]>([{ where: '规则 I-1（第 1 条） 左边', message: '公式引用了不存在的表“T15”' }]);
  });

  it('a rule referencing a missing column and a missing dataset', () => {
    const e = broken((t) => {
      t.rules[0].rhs = 'T1[fiscal].in + T1[special].amount + sum(income2.gpb)';
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: '规则 I-1（第 1 条） 右边', message: '公式引用了表 T1 中不存在的列“amount”' },
      { where: '规则 I-1（第 1 条） 右边', message: '公式引用了不存在的数据集“income2”' },
    ]);
  });

  it('a record rule naming a field the dataset does not have', () => {
    const e = broken((t) => {
      const rule = t.rules.find((r: Json) => r.kind === 'record' && r.require === 'measure == ""');
      rule.require = 'measur == ""';
    });
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.where).toMatch(/^规则 S-7（第 \d+ 条） 要求$/);
    expect(e.problems[0]!.message).toBe('公式引用了不存在的列或字段“measur”');
  });

  it('a schema-level error: a column of type "money" names the field and the allowed values', () => {
    const e = broken((t) => {
      const inCol = table(t, 'T1').columns[0].children[1];
      expect(inCol.key).toBe('in');
      inCol.type = 'money';
    });
    expect(e.subject).toBe(SUBJECT);
    // tables[0] is 表1; the column union's closest alternative (a leaf column) is reported, at its field.
    expect(e.problems).toEqual<Problem[]>([
      { where: 'tables[0].columns[0].children[1].type', message: '取值无效，应为以下之一：“text”、“amount”、“rate”' },
    ]);
  });

  it('a misspelt row id in a table of declared rows, and a variable with no value', () => {
    const e = broken((t) => {
      t.rules[0].lhs = 'T1[incom].in';
      t.rules[1].rhs = 'T2[$unit].c1';
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: '规则 I-1（第 1 条） 左边', message: '公式引用了表 T1 中不存在的行“incom”' },
      { where: '规则 I-2（第 2 条） 右边', message: '公式中的变量“$unit”在此处没有值' },
    ]);
  });

  it('a schema-level error: a value of the wrong type is not reported as missing', () => {
    const e = broken((t) => {
      t.year = '2024';
      table(t, 'T1').notes = '注：保留两位小数。';
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: 'year', message: '应为数字，实际为文本' },
      { where: 'tables[0].notes', message: '应为列表，实际为文本' },
    ]);
  });

  it('a schema-level error: an unknown money unit', () => {
    const e = broken((t) => {
      t.money.unit = '千元';
    });
    expect(e.problems).toEqual<Problem[]>([{ where: 'money.unit', message: '取值无效，应为以下之一：“元”、“万元”' }]);
  });

  it('a schema-level error: a missing field and an unknown field', () => {
    const e = broken((t) => {
      delete table(t, 'T1').title;
      table(t, 'T1').titel = '部门收支预算总表';
    });
    expect(e.problems).toContainEqual<Problem>({ where: 'tables[0].title', message: '缺少此项（应为文本）' });
    expect(e.problems).toContainEqual<Problem>({ where: 'tables[0]', message: '有无法识别的项：“titel”' });
  });

  it('duplicate column keys', () => {
    const e = broken((t) => {
      leaf(table(t, 'T2'), 'c5').key = 'c4';
    });
    expect(e.problems).toContainEqual<Problem>({ where: '表 T2（表2） 列 c4', message: '列名重复' });
  });

  it('reports every problem, not only the first', () => {
    const e = broken((t) => {
      table(t, 'T1').panels[0].rows[0].row.cells.in = '=T2[total].c99';
      leaf(table(t, 'T2'), 'c1').colNo = '1=2+41';
      t.rules[0].lhs = 'T15[income].in';
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: '表 T1（表1） 行 income 列 in', message: '公式引用了表 T2 中不存在的列“c99”' },
      { where: '表 T2（表2） 列 c1 栏次“1=2+41”', message: '没有栏次为 41 的列' },
      { where: '规则 I-1（第 1 条） 左边', message: '公式引用了不存在的表“T15”' },
    ]);
    expect(e.message).toContain(`${SUBJECT}有 3 处问题`);
  });
});

describe('the document outline', () => {
  it('the budget set prints the five parts of its published 目录, its tables part holding all 14 tables', () => {
    expect(findTemplate('guizhou-budget-2024', 1)!.document).toEqual({
      title: '{dept.name}{year}年部门预算公开信息',
      workbook: '{dept.name}{year}年部门预算公开表',
      parts: [
        { kind: 'narrative', id: 'part1' },
        { kind: 'tables', id: 'part2', title: '第二部分：部门预算公开报表' },
        { kind: 'narrative', id: 'part3' },
        { kind: 'narrative', id: 'part4' },
        { kind: 'text', id: 'part5', title: '第五部分：附件', text: 'annex', empty: '无。' },
      ],
    });
  });

  it('the 决算 set puts the 公开表 in 第二部分 and the 自评表 in 第五部分 附件 (final-accounts.md §5.1)', () => {
    const parts = findTemplate('guizhou-final-2023', 1)!.document.parts;
    expect(parts.map((p) => p.id)).toEqual(['part1', 'part2', 'part3', 'part4', 'part5']);
    expect(parts.map((p) => ('title' in p ? p.title : p.kind))).toEqual(['narrative', '第二部分 {year}年度部门决算表', 'narrative', 'narrative', '第五部分 附件']);
  });

  it('a part naming a narrative part the narrative file does not have', () => {
    const e = broken((t) => {
      t.document.parts[3].id = 'part9';
    });
    expect(e.subject).toBe(SUBJECT);
    expect(e.problems).toEqual<Problem[]>([{ where: 'document.parts[3].id', message: '说明文件中没有部分“part9”（有：part1、part3、part4）' }]);
  });

  it('a narrative part in a set without a narrative file', () => {
    const t: Json = structuredClone(shipped);
    expect(() => loadTemplate(t, FILES)).toThrow('document.parts[0].id：本模板没有说明文件，不能引用说明部分“part1”');
  });

  it('a tables part naming a table that does not exist, and a table named twice', () => {
    const e = broken((t) => {
      t.document.parts[1].tables = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'T15'];
      t.document.parts[4] = { kind: 'tables', id: 'part5', title: '第五部分：附件', tables: ['T14', 'T3'] };
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: 'document.parts[1].tables', message: '不存在的表“T15”' },
      { where: 'document.parts[4].tables', message: '表 T3 已在 document.parts[1]（part2）中' },
    ]);
  });

  it('a table in no part', () => {
    const e = broken((t) => {
      t.document.parts[1].tables = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T14'];
    });
    expect(e.problems).toEqual<Problem[]>([{ where: 'document.parts', message: '表 T13（表13）不在任何部分中，打印文件和编辑器都不会列出它' }]);
  });

  it('two tables parts that both take every table', () => {
    const e = broken((t) => {
      t.document.parts.push({ kind: 'tables', id: 'part6', title: '附表' });
    });
    expect(e.problems).toHaveLength(14);
    expect(e.problems[0]).toEqual<Problem>({ where: 'document.parts[5].tables', message: '表 T1 已在 document.parts[1]（part2）中' });
  });

  it('a part id used twice, and one that is a table id (both name the editor’s pages)', () => {
    const e = broken((t) => {
      t.document.parts[4].id = 'part2';
      t.document.parts.push({ kind: 'text', id: 'T3', title: '前言', text: 'preface', empty: '无。' });
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: 'document.parts[4].id', message: '部分编号“part2”重复' },
      { where: 'document.parts[5].id', message: '部分编号“T3”与表 T3 的编号相同，编辑器中无法区分' },
    ]);
  });

  it('a schema-level error: a part of an unknown kind, a text part without its empty wording, a missing cover title', () => {
    const e = broken((t) => {
      t.document.parts[0].kind = 'chapter';
      delete t.document.parts[4].empty;
      delete t.document.title;
    });
    expect(e.problems).toEqual<Problem[]>([
      { where: 'document.title', message: '缺少此项（应为文本）' },
      // The part's kind is the tag of its forms: no form matches, and the message is the loader's for that.
      { where: 'document.parts[0].kind', message: '格式不符合任何一种允许的写法' },
      { where: 'document.parts[4].empty', message: '缺少此项（应为文本）' },
    ]);
  });
});
