/**
 * The catalogue codes a workbook's tables print. A book may add codes the national catalogue lacks (its
 * `extraCodes`); without the 数据包 they are known only from the tables, which print each code beside its name
 * (`{func}` and `{func.name}` on one row, 类 and 款 rows included). Such a code is taken as one the book added, once,
 * with a notice; it is refused only when the tables contradict themselves: no name printed for it, two names, a
 * parent (its 类 or 款: its prefixes as long as the catalogue's shorter codes) neither known nor printed, or the
 * name of another code under the same parent (a mistyped code keeps the name of the code it was meant to be).
 */
import { Codes } from '../book/codes';
import type { BookFile } from '../book/schema';
import type { Template } from '../template/schema';
import { placeText, type SheetPlace, type WorkbookMessage, workbookMessage } from './messages';

type ExtraCodes = NonNullable<BookFile['extraCodes']>;

/** A code the catalogue lacks, as first printed with its name. */
interface Named {
  readonly label: string;
  readonly name: string;
  readonly codeAt: SheetPlace;
  readonly nameAt: SheetPlace;
}

/** A code the catalogue lacks, as first read into a record. */
interface Taken {
  readonly label: string;
  readonly at: SheetPlace;
}

export class PrintedCodes {
  private readonly known: Codes;
  /** Catalogue → code → its first printing, for codes the catalogue lacks. */
  private readonly named = new Map<string, Map<string, Named>>();
  private readonly taken = new Map<string, Map<string, Taken>>();

  constructor(
    private readonly template: Template,
    /** The book's own codes, from the 数据包 when there is one. */
    private readonly extra: ExtraCodes | undefined,
    private readonly problems: WorkbookMessage[],
  ) {
    this.known = new Codes(template, extra ?? {});
  }

  /** A record's code field read as `code`: valid if known, else once `added` finds it printed with a name. */
  take(catalogue: string, label: string, code: string, at: SheetPlace): void {
    if (this.known.has(catalogue, code)) return;
    const list = entry(this.taken, catalogue);
    if (!list.has(code)) list.set(code, { label, at });
  }

  /** A code printed beside its name on one row. */
  printed(catalogue: string, label: string, code: string, name: string, codeAt: SheetPlace, nameAt: SheetPlace): void {
    if (name === '' || this.known.has(catalogue, code)) return;
    const list = entry(this.named, catalogue);
    const first = list.get(code);
    if (!first) list.set(code, { label, name, codeAt, nameAt });
    else if (first.name !== name) {
      this.problems.push(workbookMessage(nameAt, `${label}“${code}”在此处名为“${name}”，在${placeText(first.nameAt)}名为“${first.name}”，同一编码只能有一个名称`));
    }
  }

  /**
   * The book's extraCodes with the printed codes the catalogue lacks added (by code), each reported once where it
   * was first printed; a code that cannot be added is a problem. Unchanged when nothing is added.
   */
  added(notices: WorkbookMessage[]): ExtraCodes | undefined {
    for (const [catalogue, list] of this.taken) {
      for (const [code, { label, at }] of list) {
        if (!this.named.get(catalogue)?.has(code)) this.problems.push(workbookMessage(at, `未知的${label}编码“${code}”（目录中没有，表中也没有列示它的名称）`));
      }
    }
    const extra = structuredClone(this.extra ?? {});
    let added = false;
    for (const [catalogue, list] of this.named) {
      const lengths = [...new Set(this.template.catalogues[catalogue]!.entries.map((e) => e.code.length))].sort((a, b) => a - b);
      const parents = (code: string) => lengths.filter((n) => n < code.length).map((n) => code.slice(0, n));
      const siblings = siblingNames([...this.known.entries(catalogue), ...[...list].map(([code, n]) => ({ code, name: n.name }))], parents);
      for (const [code, n] of [...list].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const unknown = parents(code).find((p) => !this.known.has(catalogue, p) && !list.has(p));
        const twin = siblings.get(siblingKey(code, n.name, parents))?.find((c) => c !== code);
        if (unknown !== undefined) {
          this.problems.push(workbookMessage(n.codeAt, `${n.label}“${code}”所属的“${unknown}”不在目录中，表中也没有列示它的名称`));
        } else if (twin !== undefined) {
          this.problems.push(workbookMessage(n.codeAt, `未知的${n.label}编码“${code}”：名称“${n.name}”是同级编码“${twin}”的名称，请核对编码`));
        } else {
          (extra[catalogue] ??= []).push({ code, name: n.name });
          added = true;
          notices.push(workbookMessage(n.codeAt, `新增${n.label}“${code} ${n.name}”：目录中没有此编码，按表中列示的名称作为本部门补充的科目导入`));
        }
      }
    }
    return added ? extra : this.extra;
  }
}

function entry<T>(map: Map<string, Map<string, T>>, catalogue: string): Map<string, T> {
  let list = map.get(catalogue);
  if (!list) map.set(catalogue, (list = new Map()));
  return list;
}

/** Codes of one parent and length are siblings; the key says which siblings share a name. */
function siblingKey(code: string, name: string, parents: (code: string) => string[]): string {
  return `${code.length}\u0000${parents(code).at(-1) ?? ''}\u0000${name}`;
}

function siblingNames(entries: readonly { code: string; name: string }[], parents: (code: string) => string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { code, name } of entries) {
    const key = siblingKey(code, name, parents);
    const list = out.get(key);
    if (list) list.push(code);
    else out.set(key, [code]);
  }
  return out;
}
