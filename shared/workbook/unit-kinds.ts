/**
 * 单位性质 (unit kind) is not printed; it only chooses the default of mapped codes (a basic line's 政府预算经济分类
 * follows 行政/参公 or 事业 blocks). For a unit whose records map alike under several kinds the tables cannot tell
 * them apart; where kinds map differently, the kind whose derived tables match the printed ones best is taken.
 */
import { Codes } from '../book/codes';
import type { BookFile } from '../book/schema';
import type { Template } from '../template/schema';
import { type WorkbookMessage, workbookMessage } from './messages';
import type { SheetPlace } from './messages';

/** Derive-and-compare runs allowed for the search; beyond them a unit keeps the first kind that fits its lines. */
const EVALUATIONS = 60;

/** The kinds of a unit grouped by the codes its records would map to (kinds in one group derive the same tables). */
function kindClasses(template: Template, file: BookFile, unit: string): string[][] {
  const codes = new Codes(template, file.extraCodes ?? {});
  const classes = new Map<string, string[]>();
  for (const kind of template.unitKinds) {
    const mapped: string[] = [];
    for (const [dataset, def] of Object.entries(template.datasets)) {
      for (const [field, f] of Object.entries(def.fields)) {
        if (f.type !== 'mapped') continue;
        for (const r of file.data[dataset] ?? []) {
          if (r['unit'] === unit && !r[field]) mapped.push(codes.map(f.mapping, kind, r[f.from] ?? ''));
        }
      }
    }
    const key = mapped.join('\u0000');
    const list = classes.get(key);
    if (list) list.push(kind);
    else classes.set(key, [kind]);
  }
  return [...classes.values()];
}

/**
 * Sets the kind of every unit of `file` whose kind is '' (not known from a 数据包); `mismatches` counts the printed
 * cells the tables of a book differ in. Reports each unit's kind as not printed.
 */
export function chooseUnitKinds(
  template: Template,
  file: BookFile,
  places: ReadonlyMap<string, SheetPlace>,
  mismatches: (file: BookFile) => number,
  notices: WorkbookMessage[],
): void {
  const open = file.units.filter((u) => u.kind === '');
  const classes = new Map(open.map((u) => [u.code, kindClasses(template, file, u.code)]));
  for (const u of open) u.kind = classes.get(u.code)![0]![0]!;
  const undecided = new Set<string>();
  const searched = open.filter((u) => classes.get(u.code)!.length > 1);
  let evaluations = 0;
  let best = searched.length > 0 ? mismatches(file) : 0;
  for (let changed = true; changed && evaluations < EVALUATIONS; ) {
    changed = false;
    for (const u of searched) {
      const current = u.kind;
      const scores: { kind: string; score: number }[] = [];
      for (const cls of classes.get(u.code)!) {
        if (cls[0] === current || evaluations >= EVALUATIONS) continue;
        u.kind = cls[0]!;
        evaluations++;
        scores.push({ kind: cls[0]!, score: mismatches(file) });
      }
      u.kind = current;
      const better = scores.filter((s) => s.score < best).sort((a, b) => a.score - b.score)[0];
      if (better) {
        u.kind = better.kind;
        best = better.score;
        changed = true;
      }
      if (scores.some((s) => s.score === best && s.kind !== u.kind)) undecided.add(u.code);
      else undecided.delete(u.code);
    }
  }
  for (const u of open) {
    const same = classes.get(u.code)!.find((c) => c.includes(u.kind))!.filter((k) => k !== u.kind);
    const why = undecided.has(u.code)
      ? '（表中无法确定）'
      : same.length > 0
        ? `（与“${same.join('”“')}”在表中无法区分）`
        : '';
    const place = places.get(u.code) ?? { sheet: '' };
    notices.push(workbookMessage(place, `单位“${u.code}${u.name}”的单位性质未在表中列示，按“${u.kind}”导入${why}，请核对`));
  }
}
