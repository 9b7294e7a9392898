/**
 * The new-book form and its check: every field the officer must fill, each wrong one with a Chinese message at
 * the field, before anything is written (renderer/db createBook then derives the whole book once more).
 */
import type { Template } from '../../../shared/template/schema';
import type { NewBook } from '../../db';

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
}

export interface NewBookForm {
  template: string;
  year: string;
  departmentCode: string;
  departmentName: string;
  name: string;
  units: UnitRow[];
}

/** Field → message; units by `units.<index>.<field>`. */
export type FormErrors = Readonly<Record<string, string>>;

export function templateKey(t: Pick<Template, 'id' | 'version'>): string {
  return `${t.id}@${t.version}`;
}

export function emptyForm(template: Template, year: number): NewBookForm {
  return { template: templateKey(template), year: String(year), departmentCode: '', departmentName: '', name: '', units: [{ code: '', name: '', kind: template.unitKinds[0]! }] };
}

const CODE = /^[0-9A-Za-z]+$/;

export function checkNewBook(form: NewBookForm, templates: readonly Template[]): { book: NewBook } | { errors: FormErrors } {
  const errors: Record<string, string> = {};
  const template = templates.find((t) => templateKey(t) === form.template);
  if (!template) errors['template'] = '请选择模板';
  const year = form.year.trim();
  if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) errors['year'] = '年度应为 2000 至 2100 之间的四位数字，例如 2025';
  const code = form.departmentCode.trim();
  if (!code) errors['departmentCode'] = '请填写部门编码';
  else if (!CODE.test(code)) errors['departmentCode'] = `部门编码“${code}”只能由数字和字母组成`;
  if (!form.departmentName.trim()) errors['departmentName'] = '请填写部门名称';
  if (form.name.trim().length > 100) errors['name'] = '账套名称不能超过 100 个字';
  if (form.units.length === 0) errors['units'] = '至少需要一个预算单位';
  const seen = new Set<string>();
  form.units.forEach((u, i) => {
    const unitCode = u.code.trim();
    if (!unitCode) errors[`units.${i}.code`] = '请填写单位编码';
    else if (!CODE.test(unitCode)) errors[`units.${i}.code`] = `单位编码“${unitCode}”只能由数字和字母组成`;
    else if (seen.has(unitCode)) errors[`units.${i}.code`] = `单位编码“${unitCode}”与上面的单位重复`;
    seen.add(unitCode);
    if (!u.name.trim()) errors[`units.${i}.name`] = '请填写单位名称';
    if (template && !template.unitKinds.includes(u.kind)) errors[`units.${i}.kind`] = `请选择单位性质：${template.unitKinds.join('、')}`;
  });
  if (Object.keys(errors).length > 0 || !template) return { errors };
  return {
    book: {
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      department: { code, name: form.departmentName.trim() },
      year: Number(year),
      template: { id: template.id, version: template.version },
      units: form.units.map((u) => ({ code: u.code.trim(), name: u.name.trim(), kind: u.kind })),
    },
  };
}
