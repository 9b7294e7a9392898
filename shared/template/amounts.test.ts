/** Units and print styles of amounts as template data: declared per table or column, checked when the template loads. */
import { describe, expect, it } from 'vitest';
import deptEconomic2023 from '../../templates/catalogues/dept-economic-2023.json';
import functional2024 from '../../templates/catalogues/functional-2024.json';
import functionalClassesFinal2023 from '../../templates/catalogues/functional-classes-final-2023.json';
import shippedNarrative from '../../templates/guizhou-final-2023/narrative.json';
import shippedTemplate from '../../templates/guizhou-final-2023/template.json';
import { ValidationError } from '../validation/issues';
import { amountFormat } from './amounts';
import { type CatalogueFiles, loadTemplate } from './load';
import { allTemplates } from './registry';

const FILES: CatalogueFiles = {
  'functional-2024': functional2024,
  'functional-classes-final-2023': functionalClassesFinal2023,
  'dept-economic-2023': deptEconomic2023,
};
const NARRATIVE_PARTS = shippedNarrative.parts.map((p: { id: string }) => p.id);

// The shipped 决算 template JSON, edited freely below.
type Json = any;
const shipped = () => structuredClone(shippedTemplate) as Json;
const evalFunds = (t: Json) => t.tables.find((x: Json) => x.id === 'EvalFunds');
const leaves = (nodes: Json[]): Json[] => nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));

function problems(t: Json): string[] {
  try {
    loadTemplate(t, FILES, NARRATIVE_PARTS);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems.map((p) => `${p.where}：${p.message}`);
    throw e;
  }
  return [];
}

describe('declared units', () => {
  it('default to the table’s, then the document’s; the 自评表 funds are in 元 and print as the published form', () => {
    const t = allTemplates().find((x) => x.id === 'guizhou-final-2023')!;
    const table = (id: string) => t.tables.find((x) => x.id === id)!;
    const column = (id: string, key: string) => leaves(table(id).columns).find((c: Json) => c.key === key);
    const format = (id: string, key: string) => {
      const f = amountFormat(t, table(id), column(id, key));
      return `${f.unit} ${f.style}`;
    };
    expect(format('G02', 'c1')).toBe('万元 grouped');
    expect(format('EvalFunds', 'initial')).toBe('元 general');
    expect(format('EvalFunds', 'rate')).toBe('元 fixed');
  });

  it('an unknown unit or style is refused in Chinese, at its table and column', () => {
    const t = shipped();
    evalFunds(t).unit = '千元';
    leaves(evalFunds(t).columns).find((c: Json) => c.key === 'plan').style = 'short';
    expect(problems(t)).toEqual([
      expect.stringMatching(/tables.*unit：金额单位应为“元”或“万元”$/),
      expect.stringMatching(/tables.*style：金额格式应为 grouped（千分位）、fixed（定长小数）或 general（常规）$/),
    ]);
  });

  it('a unit on a text column, or one the unit line contradicts, is refused', () => {
    const t = shipped();
    leaves(evalFunds(t).columns).find((c: Json) => c.key === 'source').unit = '元';
    delete evalFunds(t).unit;
    const found = problems(t);
    expect(found).toContain('表 EvalFunds（自评表-资金） 列 source：只有金额列可以声明金额单位（unit）和格式（style）');
    expect(found).toContain('表 EvalFunds（自评表-资金） 列 initial：金额单位是“万元”，与单位行“金额单位：元”不符');
  });
});
