/**
 * Reading a book against its template: every record, field, amount, code and reference is checked before anything
 * is used, and every problem is reported with its place. Derived fields (a line's 政府预算经济分类 from the mapping,
 * 人员类/公用经费 from the economic code, a project line's unit from its project) are resolved here once.
 */
import { type Fen, parseStoredAmount } from '../money/money';
import type { DatasetDef, Template } from '../template/schema';
import { type Problem, ValidationError, zodProblems } from '../validation/issues';
import { Codes } from './codes';
import { BOOK_FORMAT_VERSION, type BookFile, BookFile as BookFileSchema, type EntryRecord, type UnitRecord } from './schema';

export interface LoadedRecord {
  readonly id: string;
  readonly dataset: string;
  /** Text of every non-amount field, derived ones included ('' when empty). */
  readonly fields: Readonly<Record<string, string>>;
  /** Amounts in 分, by the dataset's amount-field order (see DatasetShape). */
  readonly amounts: Fen[];
}

/** The amount fields of a dataset in a fixed order, so records can keep their amounts in an array. */
export interface DatasetShape {
  readonly name: string;
  readonly def: DatasetDef;
  readonly amountFields: readonly string[];
  readonly amountIndex: ReadonlyMap<string, number>;
}

export interface LoadedBook {
  readonly file: BookFile;
  readonly template: Template;
  readonly codes: Codes;
  readonly units: readonly UnitRecord[];
  readonly unitByCode: ReadonlyMap<string, UnitRecord>;
  readonly shapes: ReadonlyMap<string, DatasetShape>;
  readonly records: ReadonlyMap<string, readonly LoadedRecord[]>;
  readonly recordById: ReadonlyMap<string, ReadonlyMap<string, LoadedRecord>>;
}

export function datasetShapes(template: Template): Map<string, DatasetShape> {
  const shapes = new Map<string, DatasetShape>();
  for (const [name, def] of Object.entries(template.datasets)) {
    const amountFields = Object.entries(def.fields)
      .filter(([, f]) => f.type === 'amount')
      .map(([k]) => k);
    shapes.set(name, { name, def, amountFields, amountIndex: new Map(amountFields.map((f, i) => [f, i])) });
  }
  return shapes;
}

/** Parses and validates a book; throws ValidationError with every problem, or returns a fully resolved book. */
export function loadBook(raw: unknown, findTemplate: (id: string, version: number) => Template | undefined): LoadedBook {
  // reportInput keeps each issue's value, so describeIssue can tell a wrong type from a missing item.
  const parsed = BookFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError('数据包', zodProblems(parsed.error));
  const file = parsed.data;
  if (file.formatVersion > BOOK_FORMAT_VERSION) {
    throw new ValidationError('数据包', [
      { where: 'formatVersion', message: `文件版本 ${file.formatVersion} 比本程序支持的版本 ${BOOK_FORMAT_VERSION} 新，请升级程序后再打开` },
    ]);
  }
  const template = findTemplate(file.template.id, file.template.version);
  if (!template) {
    throw new ValidationError('数据包', [
      { where: 'template', message: `找不到模板“${file.template.id}”第 ${file.template.version} 版` },
    ]);
  }
  return resolveBook(file, template);
}

export function resolveBook(file: BookFile, template: Template): LoadedBook {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ where, message });
  const codes = new Codes(template, file.extraCodes ?? {});

  const unitByCode = new Map<string, UnitRecord>();
  for (const [i, u] of file.units.entries()) {
    if (unitByCode.has(u.code)) add(`units[${i}]`, `单位编码“${u.code}”重复`);
    if (!template.unitKinds.includes(u.kind)) add(`units[${i}].kind`, `单位性质“${u.kind}”无效，应为${template.unitKinds.join('、')}之一`);
    unitByCode.set(u.code, u);
  }
  for (const name of Object.keys(file.data)) if (!template.datasets[name]) add(`data.${name}`, `模板中没有数据集“${name}”`);
  for (const name of Object.keys(file.extraCodes ?? {})) {
    if (!template.catalogues[name]) add(`extraCodes.${name}`, `模板中没有目录“${name}”，可补充的目录：${Object.keys(template.catalogues).join('、')}`);
  }
  for (const name of Object.keys(file.manual ?? {})) {
    const table = template.tables.find((t) => t.id === name);
    if (!table) add(`manual.${name}`, `模板中没有表“${name}”`);
    else if (table.manual === false) add(`manual.${name}`, `${table.caption}不能手工填报`);
  }

  const shapes = datasetShapes(template);
  const rawById = new Map<string, Map<string, EntryRecord>>();
  for (const [name] of shapes) {
    const byId = new Map<string, EntryRecord>();
    for (const [i, r] of (file.data[name] ?? []).entries()) {
      if (byId.has(r.id)) add(`data.${name}[${i}]`, `记录编号“${r.id}”重复`);
      byId.set(r.id, r);
    }
    rawById.set(name, byId);
  }

  const records = new Map<string, LoadedRecord[]>();
  const recordById = new Map<string, Map<string, LoadedRecord>>();
  // Datasets are resolved in dependency order so that `via` fields can read the record they point to.
  for (const name of resolutionOrder(template)) {
    const shape = shapes.get(name)!;
    const list: LoadedRecord[] = [];
    const seenUnits = new Set<string>();
    for (const [i, r] of (file.data[name] ?? []).entries()) {
      const where = `data.${name}[${i}]（记录 ${r.id}）`;
      const fields: Record<string, string> = {};
      const amounts: Fen[] = shape.amountFields.map(() => 0 as Fen);
      for (const key of Object.keys(r)) {
        if (key !== 'id' && !shape.def.fields[key]) add(`${where} 字段 ${key}`, `数据集“${shape.def.label}”没有此字段`);
      }
      for (const [fname, f] of Object.entries(shape.def.fields)) {
        const value = r[fname];
        const fw = `${where} 字段 ${fname}（${f.label}）`;
        switch (f.type) {
          case 'amount': {
            if (value === undefined || value === '') break;
            const p = parseStoredAmount(value, template.money);
            if (p.ok) amounts[shape.amountIndex.get(fname)!] = p.value;
            else add(fw, p.message);
            break;
          }
          case 'text':
            if (f.required && !value?.trim()) add(fw, '不能为空');
            fields[fname] = value ?? '';
            break;
          case 'unit':
            if (!value) add(fw, '缺少单位');
            else if (!unitByCode.has(value)) add(fw, `单位编码“${value}”不在本账套的单位列表中`);
            fields[fname] = value ?? '';
            break;
          case 'code': {
            const v = value ?? '';
            if (!v) {
              if (f.required) add(fw, '缺少科目编码');
            } else if (!codes.has(f.catalogue, v)) {
              add(fw, `未知的${template.catalogues[f.catalogue]?.label ?? '科目'}编码“${v}”`);
            } else if (f.digits && !f.digits.includes(v.length)) {
              add(fw, `编码“${v}”应为 ${f.digits.join(' 或 ')} 位`);
            }
            fields[fname] = v;
            break;
          }
          case 'enum':
            if (value !== undefined && value !== '' && !f.values.includes(value)) {
              add(fw, `“${value}”无效，应为${f.values.join('、')}之一`);
            }
            fields[fname] = value ?? '';
            break;
          case 'ref':
            if (!value) {
              if (f.required) add(fw, '缺少引用');
            } else if (!rawById.get(f.dataset)?.has(value)) {
              add(fw, `引用的记录“${value}”在数据集“${template.datasets[f.dataset]?.label ?? f.dataset}”中不存在`);
            }
            fields[fname] = value ?? '';
            break;
          case 'mapped': {
            if (value) {
              if (!codes.has(f.catalogue, value)) add(fw, `未知的${template.catalogues[f.catalogue]?.label ?? '科目'}编码“${value}”`);
              fields[fname] = value;
            } else fields[fname] = '';
            break;
          }
          case 'via':
          case 'classified':
            if (value !== undefined) add(fw, '此字段由程序推导，不应填写');
            break;
        }
      }
      // Derived fields, once the entered ones are known.
      for (const [fname, f] of Object.entries(shape.def.fields)) {
        if (f.type === 'classified') fields[fname] = classify(fields[f.from] ?? '', f.byPrefix);
        else if (f.type === 'via') {
          const refDataset = (shape.def.fields[f.ref] as { dataset: string }).dataset;
          fields[fname] = recordById.get(refDataset)?.get(fields[f.ref] ?? '')?.fields[f.field] ?? '';
        } else if (f.type === 'mapped' && !fields[fname]) {
          const unit = unitByCode.get(fields['unit'] ?? '');
          fields[fname] = unit ? codes.map(f.mapping, unit.kind, fields[f.from] ?? '') : '';
        }
      }
      if (shape.def.perUnit) {
        const u = fields['unit'] ?? '';
        if (seenUnits.has(u)) add(where, `单位“${u}”在“${shape.def.label}”中只能有一条记录`);
        seenUnits.add(u);
      }
      list.push({ id: r.id, dataset: name, fields, amounts });
    }
    records.set(name, list);
    recordById.set(name, new Map(list.map((r) => [r.id, r])));
  }
  if (problems.length > 0) throw new ValidationError('数据包', problems);
  return { file, template, codes, units: file.units, unitByCode, shapes, records, recordById };
}

function classify(code: string, byPrefix: Record<string, string>): string {
  let best = '';
  let value = '';
  for (const [prefix, v] of Object.entries(byPrefix)) {
    if (code.startsWith(prefix) && prefix.length > best.length) {
      best = prefix;
      value = v;
    }
  }
  return value;
}

/** Datasets ordered so that every dataset comes after those its `via` fields read from. */
function resolutionOrder(template: Template): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    const def = template.datasets[name]!;
    for (const f of Object.values(def.fields)) {
      if (f.type === 'via') {
        const ref = def.fields[f.ref];
        if (ref?.type === 'ref') visit(ref.dataset);
      }
    }
    order.push(name);
  };
  for (const name of Object.keys(template.datasets)) visit(name);
  return order;
}
