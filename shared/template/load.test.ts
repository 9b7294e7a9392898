import { describe, expect, it } from 'vitest';
import deptEconomic2024 from '../../templates/catalogues/dept-economic-2024.json';
import econMapping2024 from '../../templates/catalogues/econ-mapping-2024.json';
import functional2024 from '../../templates/catalogues/functional-2024.json';
import functionalClasses2024 from '../../templates/catalogues/functional-classes-2024.json';
import govEconomic2024 from '../../templates/catalogues/gov-economic-2024.json';
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
    loadTemplate(t, files);
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
    expect(checkTemplate(t)).toEqual([]);
  });

  it('is found by id and version only', () => {
    expect(findTemplate('guizhou-budget-2024', 1)).toBe(allTemplates()[0]);
    expect(findTemplate('guizhou-budget-2024', 2)).toBeUndefined();
    expect(findTemplate('guizhou-budget-2025', 1)).toBeUndefined();
  });

  it('loads from a copy with the catalogue files', () => {
    const t = loadTemplate(structuredClone(shipped), FILES);
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
