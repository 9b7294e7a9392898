import { describe, expect, it } from 'vitest';
import raw from '../../templates/guizhou-budget-2024/narrative.json';
import finalRaw from '../../templates/guizhou-final-2023/narrative.json';
import { findTemplate } from '../template/registry';
import type { Template } from '../template/schema';
import { type Problem, ValidationError } from '../validation/issues';
import { loadNarrative, narrativeFor } from './load';

const template = findTemplate('guizhou-budget-2024', 1)!;

/** A copy of the JSON file, edited freely by the tests. */
type Json = Record<string, any>;

/** The problems loading a copy of a shipped file changed by `edit`. */
function problemsOf(file: Json, against: Template, edit: (n: Json) => void): Problem[] {
  const copy = structuredClone(file);
  edit(copy);
  try {
    loadNarrative(copy, against);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  return [];
}

const problems = (edit: (n: Json) => void) => problemsOf(raw, template, edit);
const finalProblems = (edit: (n: Json) => void) => problemsOf(finalRaw, findTemplate('guizhou-final-2023', 1)!, edit);

/** The paragraph `id` (part.section.paragraph) of a copy. */
function para(n: Json, id: string): Json {
  const [part, section, paragraph] = id.split('.');
  return n.parts.find((p: Json) => p.id === part).sections.find((s: Json) => s.id === section).paragraphs.find((p: Json) => p.id === paragraph);
}

describe('the shipped narrative file', () => {
  it('loads against its template', () => {
    const n = narrativeFor(template)!;
    expect(n.parts.map((p) => p.id)).toEqual(['part1', 'part3', 'part4']);
    expect(n.fields['glossary']!.default).toHaveLength(17);
  });

  it('a template set without a narrative file has none', () => {
    expect(narrativeFor({ ...template, id: 'other-set' } as Template)).toBeUndefined();
  });
});

describe('a broken narrative file fails at load with the place named', () => {
  it('names unknown tables, columns, lists, fields and wordings in sentences', () => {
    expect(
      problems((n) => {
        para(n, 'part3.overall.income').text = '{amount: T99[totalIn].in}{amount: T1[totalIn].inn}{list: klasses}{field: assets.cars}{change: budgett, T1[totalIn].in, @prevIncome}{amount: @nothing}';
      }),
    ).toEqual([
      { where: 'part3.overall.income', message: '公式引用了不存在的表“T99”' },
      { where: 'part3.overall.income', message: '公式引用了表 T1 中不存在的列“inn”' },
      { where: 'part3.overall.income', message: '没有列表“klasses”' },
      { where: 'part3.overall.income', message: 'fields 中没有字段“assets.cars”' },
      { where: 'part3.overall.income', message: 'changes 中没有措辞“budgett”' },
      { where: 'part3.overall.income', message: 'values 中没有“nothing”' },
    ]);
  });

  it('names what a sentence may not use where it stands', () => {
    expect(
      problems((n) => {
        para(n, 'part3.sanGong.item').text = '{$nme}{amount: value}{field: glossary}{label}';
        n.lists.major.item = '{percent: value}';
        n.changes.budget.up = '增加{delta}万元{amount: T1[totalIn].in}';
      }),
    ).toEqual([
      { where: 'changes.budget.up', message: '此处不能使用“{amount: T1[totalIn].in}”' },
      { where: 'lists.major.item', message: '“{percent: value}”：“percent”应有 2 个参数，用逗号分隔' },
      { where: 'part3.sanGong.item', message: '没有变量“$nme”' },
      { where: 'part3.sanGong.item', message: '“value”只能用在列表的条目中' },
      { where: 'part3.sanGong.item', message: '多行字段“glossary”不能用在句子中，应作为 lines 段落' },
      { where: 'part3.sanGong.item', message: '此处不能使用“{label}”' },
    ]);
  });

  it('names a title that uses more than the book (its year, department)', () => {
    expect(
      problems((n) => {
        n.parts[1].title = '第三部分 {year}年部门预算安排说明';
        n.parts[1].sections[0].title = '一、{label}收支总体情况';
        n.parts[2].title = '第四部分 {amount: T1[totalIn].in}';
      }),
    ).toEqual([
      { where: 'part3.overall.title', message: '此处不能使用“{label}”' },
      { where: 'part4.title', message: '此处不能使用“{amount: T1[totalIn].in}”' },
    ]);
  });

  it('names bad list definitions', () => {
    expect(
      problems((n) => {
        n.lists.personnel.from.level = '明细行';
        n.lists.public.from.value = 'c99';
        n.lists.classes.label = '{outItem}{name}';
        n.lists.capital.strip = '([';
        n.lists.projects.from = { list: 'big' };
        n.lists.keyProjects.from.records = 'picks';
      }),
    ).toEqual([
      { where: 'lists.classes.label', message: '表 T1 没有列“name”' },
      { where: 'lists.personnel.from.level', message: '表 T10 没有层级“明细行”' },
      { where: 'lists.public.from.value', message: '表 T10 没有列“c99”' },
      { where: 'lists.capital.strip', message: '“([”不是有效的正则表达式' },
      { where: 'lists.projects.from', message: '列表之间不能循环引用' },
      { where: 'lists.big.from', message: '列表之间不能循环引用' },
      { where: 'lists.keyProjects.from', message: '模板中没有数据集“picks”' },
      // Without its dataset the items have no field `project` for the key of their purpose.
      { where: 'lists.keyProjects.item', message: '字段“purpose.$project”中的变量“$project”在此处没有值' },
    ]);
  });

  it('names missing rules, a figure paragraph without one, and a file for another template', () => {
    expect(
      problems((n) => {
        n.template.version = 2;
        n.ruleFor.badFormat = 'N-90';
        para(n, 'part3.basic.text').rule = 'N-99';
        delete para(n, 'part3.projects.total').rule;
      }),
    ).toEqual([
      { where: 'template', message: '说明文件属于模板“guizhou-budget-2024”第 2 版，而不是“guizhou-budget-2024”第 1 版' },
      { where: 'ruleFor.badFormat', message: 'rules 中没有规则“N-90”' },
      { where: 'part3.basic.text.rule', message: 'rules 中没有规则“N-99”' },
      { where: 'part3.projects.total', message: '含有数字的段落应指明规则 rule' },
    ]);
  });

  it('reports schema problems in Chinese with their path', () => {
    expect(
      problems((n) => {
        delete n.placeholder;
        n.fields['assets.vehicles'].kind = 'count';
      }),
    ).toEqual([
      { where: 'placeholder', message: '缺少此项（应为文本）' },
      { where: 'fields.assets.vehicles.kind', message: '取值无效，应为以下之一：“text”、“integer”、“number”、“amount”' },
    ]);
  });

  it('names an annual declaration that is not 是/否', () => {
    expect(
      problems((n) => {
        n.fields['reason.income'].annual = 'yes';
        n.fields['glossary'].annual = 1;
      }),
    ).toEqual([
      { where: 'fields.reason.income.annual', message: '应为是/否，实际为文本' },
      { where: 'fields.glossary.annual', message: '应为是/否，实际为数字' },
    ]);
  });

  it('names a reason for a change that is not declared annual, which next year’s book would print again', () => {
    expect(
      problems((n) => {
        delete n.fields['reason.income'].annual;
        n.fields['reason.sanGong.$id'].annual = false;
      }),
    ).toEqual([
      { where: 'fields.reason.income', message: '字段“reason.income”是本年度数字增减变动的原因，应声明 "annual": true，不带入下一年度账套' },
      { where: 'fields.reason.sanGong.$id', message: '字段“reason.sanGong.$id”是本年度数字增减变动的原因，应声明 "annual": true，不带入下一年度账套' },
    ]);
  });
});

describe('a broken row iteration (one paragraph per 项) fails at load with the place named', () => {
  it('the shipped 决算 file loads', () => {
    expect(finalProblems(() => undefined)).toEqual([]);
  });

  it('names an unknown list, an item variable of no column or level, and each with items', () => {
    expect(
      finalProblems((n) => {
        n.lists.budgetItems.from.vars = { code: '{code}', cls: '{章.name}', sec: '{款.title}', x: '{kode}' };
        para(n, 'part3.general.items').each = [{ id: 'a' }];
        para(n, 'part3.general.budget').items = 'budgetItem';
      }),
    ).toEqual([
      { where: 'lists.budgetItems.from.vars.cls', message: '“{章.name}”：表 G05 没有层级“章”' },
      { where: 'lists.budgetItems.from.vars.sec', message: '“{款.title}”：表 G05 没有列“title”' },
      { where: 'lists.budgetItems.from.vars.x', message: '表 G05 没有列“kode”' },
      { where: 'part3.general.budget.items', message: '没有列表“budgetItem”' },
      { where: 'part3.general.items', message: '段落不能同时有 each 和 items' },
    ]);
  });

  it('names a variable the items do not have, a typed figure that is not an amount, a reason the wording cannot print', () => {
    expect(
      finalProblems((n) => {
        const items = para(n, 'part3.general.items');
        items.text = items.text.replace('{$cls}', '{$klass}').replace('年初预算为{amount: field(initial.$code)}', '年初预算为{amount: field(reason.total)}');
        para(n, 'part3.general.total').text += '{change: final, G05[total].c1, @prevGeneral, reason.general}';
        n.changes.completion.same = '完成年初预算的{ratio}%{delta}{count}。';
      }),
    ).toEqual([
      { where: 'changes.completion.same', message: '此处不能使用“{count}”' },
      { where: 'part3.general.total', message: '措辞“final”没有“{reason}”，“{change: final, G05[total].c1, @prevGeneral, reason.general}”的原因字段“reason.general”无处打印' },
      { where: 'part3.general.items', message: '没有变量“$klass”' },
      { where: 'part3.general.items', message: '字段“reason.total”不是金额字段（kind 应为 amount），不能当作数字使用' },
    ]);
  });

  it('names a typed 年初预算数 and a reason beside it that are not declared annual', () => {
    expect(
      finalProblems((n) => {
        delete n.fields['initial.$code'].annual;
        delete n.fields['reason.initial.$code'].annual;
      }),
    ).toEqual([
      { where: 'fields.initial.$code', message: '字段“initial.$code”是本年度的数字，应声明 "annual": true，不带入下一年度账套' },
      { where: 'fields.reason.initial.$code', message: '字段“reason.initial.$code”是本年度数字增减变动的原因，应声明 "annual": true，不带入下一年度账套' },
    ]);
  });

  it('names a field key whose variable the items do not have', () => {
    expect(
      finalProblems((n) => {
        const items = para(n, 'part3.general.items');
        items.text = items.text.replace('reason.initial.$code}', 'reason.initial.$kode}');
        para(n, 'part3.general.budget').text = para(n, 'part3.general.budget').text.replace('total(budgetItems, field(initial.$code))', 'field(initial.$code)');
      }),
    ).toEqual([
      // The amount now reads one 项's field outside any item (the rate still reads the total over the items).
      { where: 'part3.general.budget', message: '字段“initial.$code”中的变量“$code”在此处没有值' },
      { where: 'part3.general.items', message: 'fields 中没有字段“reason.initial.$kode”' },
      { where: 'part3.general.items', message: '字段“reason.initial.$kode”中的变量“$kode”在此处没有值' },
    ]);
  });

  it('names a wording that asks for a reason the sentence does not give', () => {
    expect(
      finalProblems((n) => {
        const items = para(n, 'part3.general.items');
        items.text = items.text.replace(', reason.initial.$code}', '}');
      }),
    ).toEqual([
      {
        where: 'part3.general.items',
        message: '措辞“completion”含有“{reason}”，“{change: completion, value, field(initial.$code)}”应以第 4 个参数指明原因字段',
      },
    ]);
  });
});

describe('a broken condition or counted list fails at load with the place named', () => {
  const ONE_KIND = '条件应只写 zero（各数都为零）、nonZero（有一个数不为零）、blank（字段没有文字）中的一个';

  it('names a condition that is empty, of no kind, or of two kinds', () => {
    expect(
      finalProblems((n) => {
        para(n, 'part3.fund.none').if = { zero: [] };
        para(n, 'part3.fund.text').if = { empty: 'G07' };
        para(n, 'part3.stateCapital.none').if = { zero: ['G08[total].c1'], blank: 'performance.evaluation' };
      }),
    ).toEqual([
      { where: 'parts[1].sections[6].paragraphs[0].if.zero', message: '至少应有 1 项' },
      { where: 'parts[1].sections[6].paragraphs[1].if', message: '有无法识别的项：“empty”' },
      { where: 'parts[1].sections[6].paragraphs[1].if', message: ONE_KIND },
      { where: 'parts[1].sections[7].paragraphs[0].if', message: ONE_KIND },
    ]);
  });

  it('names a condition reading a column, table or field that does not exist', () => {
    expect(
      finalProblems((n) => {
        para(n, 'part3.fund.none').if = { zero: ['G07[total].c1', 'G07[total].c9', 'G77[total].c1'] };
        para(n, 'part3.stateCapital.text').if = { nonZero: ['field(performance.coverage)', 'G08[total].c1 +'] };
        para(n, 'part3.performance.noEvaluation').if = { blank: 'performance.evaluate' };
      }),
    ).toEqual([
      { where: 'part3.fund.none.if', message: '公式引用了表 G07 中不存在的列“c9”' },
      { where: 'part3.fund.none.if', message: '公式引用了不存在的表“G77”' },
      { where: 'part3.stateCapital.text.if', message: '字段“performance.coverage”不是金额字段（kind 应为 amount），不能当作数字使用' },
      { where: 'part3.stateCapital.text.if', message: '“G08[total].c1 +”：公式“G08[total].c1 +”第 16 个字符处：公式不完整' },
      { where: 'part3.performance.noEvaluation.if', message: 'fields 中没有字段“performance.evaluate”' },
    ]);
  });

  it('names a counted list of records of no dataset, or looking values up in no list', () => {
    expect(
      finalProblems((n) => {
        n.lists.evalForms.from = { records: 'evalProject' };
        n.lists.other = { from: { records: 'evalProjects', lookup: 'forms' }, label: '{name}' };
      }),
    ).toEqual([
      { where: 'lists.evalForms.from', message: '模板中没有数据集“evalProject”' },
      { where: 'lists.other.from.lookup', message: '没有列表“forms”' },
    ]);
  });
});
