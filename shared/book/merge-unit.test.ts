import { describe, expect, it } from 'vitest';
import { guizhouBook, load, run } from '../../tests/support/books';
import { allViews, plainCells } from '../engine/view';
import type { Engine } from '../engine/engine';
import { ValidationError } from '../validation/issues';
import { takeInUnit } from './merge-unit';
import type { BookFile } from './schema';

const book = guizhouBook();

/**
 * The 数据包 a unit would send, its records picked by hand: those with its unit code, those of its projects, and
 * the indicators of its projects' targets; plus its copy of department-wide records (上年“三公”, transfers …).
 */
function unitPackage(code = '261101'): { file: BookFile; own: number; departmentWide: number } {
  const d = book.data;
  const projectIds = new Set(d['projects']!.filter((p) => p['unit'] === code).map((p) => p.id));
  const targetIds = new Set(d['targets']!.filter((t) => projectIds.has(t['project'] ?? '')).map((t) => t.id));
  let own = 0;
  let departmentWide = 0;
  const data = Object.fromEntries(
    Object.entries(d).map(([name, records]) => [
      name,
      records.filter((r) => {
        const mine = r['unit'] !== undefined ? r['unit'] === code : r['project'] !== undefined ? projectIds.has(r['project']) : r['target'] !== undefined ? targetIds.has(r['target']) : undefined;
        if (mine === undefined) departmentWide++;
        else if (mine) own++;
        return mine !== false;
      }),
    ]),
  );
  return { file: structuredClone({ ...book, units: book.units.filter((u) => u.code === code), data }), own, departmentWide };
}

function unitFile(code = '261101'): BookFile & { data: Record<string, Record<string, string>[]> } {
  return unitPackage(code).file as BookFile & { data: Record<string, Record<string, string>[]> };
}

function derived(engine: Engine): unknown {
  return allViews(engine).map((v) => v.rows.map((r) => plainCells(r, engine.book.template.money)));
}

describe('taking in a unit’s 数据包', () => {
  it('replaces only that unit’s records: taking in its own data again changes no table', () => {
    const { file, own, departmentWide } = unitPackage();
    const result = takeInUnit(load(book), load(file));
    expect(result.removed).toHaveLength(own);
    expect(result.added).toHaveLength(own);
    expect(result.ignored).toBe(departmentWide);
    expect(result.newUnit).toBe(false);
    expect(derived(run(result.file))).toEqual(derived(run(book)));
  });

  it('renames ids the rest of the department already uses, and the references to them', () => {
    const unit = unitFile();
    const project = unit.data['projects']![0]!;
    const oldId = project.id;
    project.id = 'p01'; // the department's p01 belongs to 261001
    for (const line of unit.data['projectLines']!) if (line['project'] === oldId) line['project'] = 'p01';
    for (const name of ['targets', 'keyProjects']) for (const r of unit.data[name] ?? []) if (r['project'] === oldId) r['project'] = 'p01';
    unit.data['basic']![0]!['id'] = 'b001'; // 261001's first basic line in the department's book
    const result = takeInUnit(load(book), load(unit));
    const ids = result.added.map((a) => `${a.dataset}/${a.record.id}`);
    expect(ids).toContain('projects/p01-261101');
    expect(ids).toContain('basic/b001-261101');
    expect(result.added.filter((a) => a.record['project'] === 'p01-261101').length).toBeGreaterThan(0);
    expect(result.added.some((a) => a.record['project'] === 'p01')).toBe(false);
    expect(derived(run(result.file))).toEqual(derived(run(book)));
  });

  it('brings the unit’s new figures: 表2 changes on that unit’s rows only', () => {
    const unit = unitFile();
    unit.data['income']![0]!['gpb'] = '35225.83'; // was 35,224.83
    const engine = run(takeInUnit(load(book), load(unit)).file);
    const t2 = allViews(engine).find((v) => v.caption === '表2')!;
    const money = engine.book.template.money;
    const rows = t2.rows.map((r) => plainCells(r, money));
    // Column 1 is 收入总计; published: 本级 12,656.34, 卫生项目管理办公室 35,224.83, 合计 47,881.17.
    const total = (label: string) => rows.find((r) => r[0] === label)![1];
    expect(total('261101贵州省卫生项目管理办公室')).toBe(35225.83);
    expect(total('261001贵州省医疗保障局本级')).toBe(12656.34);
    expect(total('合计')).toBe(47882.17);
  });

  it('adds a unit the department’s book did not list', () => {
    const unit = unitFile();
    const dept = structuredClone(book);
    const code = '261101';
    dept.units = dept.units.filter((u) => u.code !== code);
    const keep = unitFile('261001').data;
    dept.data = { ...dept.data, ...keep };
    const result = takeInUnit(load(dept), load(unit));
    expect(result.newUnit).toBe(true);
    expect(result.file.units.map((u) => u.code)).toEqual(['261001', '261101']);
    expect(result.removed).toEqual([]);
  });

  it('refuses a file with several units, or of another year', () => {
    const problems = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof ValidationError) return e.problems.map((p) => p.where);
      }
      return [];
    };
    expect(problems(() => takeInUnit(load(book), load(book)))).toEqual(['units']);
    const other = { ...unitFile(), year: 2023 };
    expect(problems(() => takeInUnit(load(book), load(other)))).toEqual(['year']);
  });
});
