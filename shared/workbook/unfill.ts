/**
 * The inverse of the engine's fillText: which placeholder values a printed text was filled from.
 * `{year}年部门收支预算总表` + `2024年部门收支预算总表` → { year: '2024' };
 * `{unit.code}{unit.name}` + `261001贵州省医疗保障局本级` → { 'unit.code': '261001', 'unit.name': '贵州省医疗保障局本级' }.
 * A code placeholder (`….code`) takes the leading letters and digits, so a code and a name printed run together
 * split where the name begins.
 */

const cache = new Map<string, { regex: RegExp; names: string[] }>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternFor(name: string): string {
  if (name === 'year' || name === 'prev') return '(\\d{4})';
  if (name.endsWith('.code')) return '([0-9A-Za-z]+)';
  return '([\\s\\S]*?)';
}

function compile(template: string): { regex: RegExp; names: string[] } {
  let c = cache.get(template);
  if (!c) {
    const names: string[] = [];
    let source = '';
    let last = 0;
    for (const m of template.matchAll(/\{([^{}]+)\}/g)) {
      source += escape(template.slice(last, m.index)) + patternFor(m[1]!);
      names.push(m[1]!);
      last = m.index! + m[0].length;
    }
    source += escape(template.slice(last));
    c = { regex: new RegExp(`^${source}$`), names };
    cache.set(template, c);
  }
  return c;
}

/** The placeholder values, or undefined when the text does not have the template's form. */
export function unfill(template: string, text: string): Record<string, string> | undefined {
  const { regex, names } = compile(template);
  const m = regex.exec(text);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    const value = m[i + 1]!;
    if (name in out && out[name] !== value) return undefined;
    out[name] = value;
  }
  return out;
}

/** Whether a template prints anything that varies (literal texts such as `合计` do not). */
export function hasPlaceholders(template: string): boolean {
  return /\{[^{}]+\}/.test(template);
}
