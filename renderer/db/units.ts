/** The budget units of a book: adding one, changing its name or kind, removing one no record refers to. */
import { UnitRecord } from '../../shared/book/schema';
import { zodProblems } from '../../shared/validation/issues';
import type { BudgetDb } from './database';
import { runStep } from './journal';
import type { Outcome } from './outcome';

/** Adds the unit, or changes the name and kind of the unit with its code. One undoable step. */
export function putUnit(db: BudgetDb, bookId: string, unit: UnitRecord): Promise<Outcome> {
  return runStep(db, bookId, async (scope) => {
    const parsed = UnitRecord.safeParse(unit, { reportInput: true });
    if (!parsed.success) return { problems: zodProblems(parsed.error, '单位 ') };
    const { code, name, kind } = parsed.data;
    if (!scope.template.unitKinds.includes(kind)) {
      return { problems: [{ where: `单位 ${code} 的单位性质`, message: `“${kind}”无效，应为${scope.template.unitKinds.join('、')}之一` }] };
    }
    const before = scope.units.get(code);
    const position = before?.position ?? Math.max(-1, ...[...scope.units.values()].map((u) => u.position)) + 1;
    const after = { name, kind, position };
    const changes = before?.name === name && before.kind === kind ? [] : [{ kind: 'unit' as const, code, before, after }];
    return { label: before ? `修改单位 ${code}${name}` : `新增单位 ${code}${name}`, changes, result: {} };
  });
}

/** Removes a unit; refused while it is the book's only unit or a record still names it. */
export function removeUnit(db: BudgetDb, bookId: string, code: string): Promise<Outcome> {
  return runStep(db, bookId, async (scope) => {
    const unit = scope.units.get(code);
    const where = `单位 ${code}`;
    if (!unit) return { problems: [{ where, message: '本账套没有此单位' }] };
    if (scope.units.size === 1) return { problems: [{ where, message: '账套至少需要一个预算单位' }] };
    const users: string[] = [];
    for (const [dataset, def] of Object.entries(scope.template.datasets)) {
      const fields = Object.entries(def.fields).filter(([, f]) => f.type === 'unit').map(([name]) => name);
      if (fields.length === 0) continue;
      const rows = await db.records.where('[bookId+dataset]').equals([bookId, dataset]).toArray();
      const count = rows.filter((r) => fields.some((f) => r.fields[f] === code)).length;
      if (count > 0) users.push(`${count} 条${def.label}记录`);
    }
    if (users.length > 0) return { problems: [{ where, message: `仍有${users.join('、')}属于此单位，请先删除或改到其他单位` }] };
    const { name, kind, position } = unit;
    return { label: `删除单位 ${code}${name}`, changes: [{ kind: 'unit', code, before: { name, kind, position } }], result: {} };
  });
}
