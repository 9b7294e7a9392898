/**
 * The classification catalogues of a book: the template's lists plus the codes the officer added, and the
 * 部门预算 → 政府预算经济分类 mapping with its per-unit-kind preference order.
 */
import type { Template } from '../template/schema';

export class Codes {
  private readonly names = new Map<string, Map<string, string>>();
  private readonly mappings = new Map<string, { scopes: Record<string, string[]>; byScope: Map<string, Map<string, string>> }>();

  constructor(template: Template, extra: Record<string, { code: string; name: string }[]>) {
    for (const [name, catalogue] of Object.entries(template.catalogues)) {
      const m = new Map(catalogue.entries.map((e) => [e.code, e.name]));
      for (const e of extra[name] ?? []) if (!m.has(e.code)) m.set(e.code, e.name);
      this.names.set(name, m);
    }
    for (const [name, mapping] of Object.entries(template.mappings)) {
      const byScope = new Map<string, Map<string, string>>();
      for (const p of mapping.pairs) {
        let s = byScope.get(p.scope);
        if (!s) byScope.set(p.scope, (s = new Map()));
        if (!s.has(p.from)) s.set(p.from, p.to);
      }
      this.mappings.set(name, { scopes: mapping.scopes, byScope });
    }
  }

  has(catalogue: string, code: string): boolean {
    return this.names.get(catalogue)?.has(code) ?? false;
  }

  name(catalogue: string, code: string): string {
    return this.names.get(catalogue)?.get(code) ?? '';
  }

  /** The catalogue's entries in order (for lists such as the 类 of 表1). */
  entries(catalogue: string): { code: string; name: string }[] {
    return [...(this.names.get(catalogue) ?? new Map<string, string>())].map(([code, name]) => ({ code, name }));
  }

  /** The mapped code for `from` under a unit kind: the first scope of the kind's preference list that has it. */
  map(mapping: string, unitKind: string, from: string): string {
    const m = this.mappings.get(mapping);
    if (!m) return '';
    for (const scope of m.scopes[unitKind] ?? []) {
      const to = m.byScope.get(scope)?.get(from);
      if (to) return to;
    }
    return '';
  }
}
