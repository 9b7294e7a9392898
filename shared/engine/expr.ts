/**
 * The formula language of templates.
 *
 *   T2[total].c2                 a cell: table id, row id, column key
 *   T3[@].c5                     the row with the same id as the current row
 *   T2[$unit].c1                 a row named by a variable of the rule's iteration
 *   T1[cls*].out                 the sum over every row whose id starts with `cls`
 *   c2 + c14, measure == ""      a column of the current row, or a field of the current record
 *   sum(basic.gpb | category = "人员类项目支出", unit = $unit)   an aggregate over entered records
 *   symbol != "定性" && isNumber(value)                          predicates for record checks
 *
 * Amount arithmetic is on integer 分; the parser only builds the tree, evaluation lives with the engine.
 */

export type RowSelector =
  | { kind: 'id'; id: string }
  | { kind: 'same' }
  | { kind: 'var'; name: string }
  | { kind: 'prefix'; prefix: string };

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '&&' | '||';

export type Expr =
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'name'; name: string }
  | { kind: 'var'; name: string }
  | { kind: 'cell'; table: string; row: RowSelector; column: string }
  | { kind: 'aggregate'; dataset: string; field: string; where: { field: string; value: Expr }[] }
  | { kind: 'call'; fn: string; args: Expr[] }
  | { kind: 'unary'; op: '-' | '!'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly formula: string,
    readonly position: number,
  ) {
    super(`公式“${formula}”第 ${position + 1} 个字符处：${message}`);
  }
}

const FUNCTIONS = new Set(['isNumber']);
const PRECEDENCE: Record<BinaryOp, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<=': 4,
  '>=': 4,
  '<': 4,
  '>': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

type Token =
  | { t: 'num'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'id'; v: string; at: number }
  | { t: 'var'; v: string; at: number }
  | { t: 'sel'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '<', '>', '(', ')', ',', '.', '|', '=', '!'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], at });
      i += m[0].length;
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw new FormulaError('“$”后应为变量名', src, i);
      out.push({ t: 'var', v: m[1]!, at });
      i += m[0].length;
    } else if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new FormulaError('字符串缺少结尾的引号', src, i);
      out.push({ t: 'str', v: src.slice(i + 1, end), at });
      i = end + 1;
    } else if (c === '[') {
      const end = src.indexOf(']', i + 1);
      if (end < 0) throw new FormulaError('行选择缺少“]”', src, i);
      out.push({ t: 'sel', v: src.slice(i + 1, end).trim(), at });
      i = end + 1;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw new FormulaError(`无法识别的字符“${c}”`, src, i);
      out.push({ t: 'op', v: op, at });
      i += op.length;
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

function parseSelector(text: string, src: string, at: number): RowSelector {
  if (text === '@') return { kind: 'same' };
  if (text.startsWith('$')) {
    // `[$]` or `[$unit x]` would name no variable and silently select no row.
    if (!/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(text)) throw new FormulaError('“$”后应为变量名', src, src.indexOf('$', at));
    return { kind: 'var', name: text.slice(1) };
  }
  if (text.endsWith('*')) return { kind: 'prefix', prefix: text.slice(0, -1) };
  return { kind: 'id', id: text };
}

export function parseFormula(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const fail = (message: string, token = peek()): never => {
    throw new FormulaError(message, src, token.at);
  };
  const expectOp = (op: string): void => {
    const t = next();
    if (t.t !== 'op' || t.v !== op) fail(`此处应为“${op}”`, t);
  };
  const expectId = (what: string): string => {
    const t = next();
    if (t.t !== 'id') return fail(`此处应为${what}`, t);
    return t.v;
  };

  function primary(): Expr {
    const t = next();
    switch (t.t) {
      case 'num':
        return { kind: 'number', text: t.v };
      case 'str':
        return { kind: 'string', value: t.v };
      case 'var':
        return { kind: 'var', name: t.v };
      case 'op':
        if (t.v === '(') {
          const e = expression(0);
          expectOp(')');
          return e;
        }
        if (t.v === '-' || t.v === '!') return { kind: 'unary', op: t.v, operand: primary() };
        return fail(`此处不应出现“${t.v}”`, t);
      case 'id': {
        const after = peek();
        if (after.t === 'sel') {
          next();
          expectOp('.');
          return { kind: 'cell', table: t.v, row: parseSelector(after.v, src, after.at), column: expectId('列名') };
        }
        if (after.t === 'op' && after.v === '(') {
          next();
          if (t.v === 'sum') return aggregate();
          if (!FUNCTIONS.has(t.v)) fail(`未知的函数“${t.v}”`, t);
          const args: Expr[] = [];
          if (!(peek().t === 'op' && (peek() as { v: string }).v === ')')) {
            args.push(expression(0));
            while (peek().t === 'op' && (peek() as { v: string }).v === ',') {
              next();
              args.push(expression(0));
            }
          }
          expectOp(')');
          return { kind: 'call', fn: t.v, args };
        }
        return { kind: 'name', name: t.v };
      }
      default:
        return fail('公式不完整', t);
    }
  }

  function aggregate(): Expr {
    const dataset = expectId('数据集名');
    expectOp('.');
    const field = expectId('字段名');
    const where: { field: string; value: Expr }[] = [];
    if (peek().t === 'op' && (peek() as { v: string }).v === '|') {
      next();
      for (;;) {
        const f = expectId('筛选字段名');
        expectOp('=');
        where.push({ field: f, value: expression(PRECEDENCE['=='] + 1) });
        if (peek().t === 'op' && (peek() as { v: string }).v === ',') next();
        else break;
      }
    }
    expectOp(')');
    return { kind: 'aggregate', dataset, field, where };
  }

  function expression(minPrecedence: number): Expr {
    let left = primary();
    for (;;) {
      const t = peek();
      if (t.t !== 'op' || !(t.v in PRECEDENCE)) break;
      const op = t.v as BinaryOp;
      if (PRECEDENCE[op] < minPrecedence) break;
      next();
      left = { kind: 'binary', op, left, right: expression(PRECEDENCE[op] + 1) };
    }
    return left;
  }

  const result = expression(0);
  if (peek().t !== 'end') fail('公式在此处之后有多余内容');
  return result;
}

/** Every cell, name and aggregate a formula mentions, for dependency tracking and validation. */
export function walk(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'aggregate':
      for (const w of expr.where) walk(w.value, visit);
      break;
    case 'call':
      for (const a of expr.args) walk(a, visit);
      break;
    case 'unary':
      walk(expr.operand, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    default:
      break;
  }
}

/** A 栏次 label such as `2=3+4=5+8+11+14+17`, `10=6-2` or `13=9/1`. */
export type ColNo =
  | { kind: 'plain'; number: number }
  | { kind: 'sum'; number: number; equations: { sign: 1 | -1; number: number }[][] }
  | { kind: 'rate'; number: number; numerator: number; denominator: number };

export function parseColNo(label: string): ColNo {
  const text = label.replace(/\s+/g, '');
  const parts = text.split('=');
  const number = Number(parts[0]);
  const bad = (): never => {
    throw new FormulaError('栏次公式应形如“1=2+3”“10=6-2”或“13=9/1”', label, 0);
  };
  if (!/^\d+$/.test(parts[0] ?? '')) bad();
  if (parts.length === 1) return { kind: 'plain', number };
  const rate = /^(\d+)\/(\d+)$/.exec(parts[1]!);
  if (rate && parts.length === 2) {
    return { kind: 'rate', number, numerator: Number(rate[1]), denominator: Number(rate[2]) };
  }
  const equations = parts.slice(1).map((rhs) => {
    if (!/^\d+([+-]\d+)*$/.test(rhs)) bad();
    return [...rhs.matchAll(/([+-]?)(\d+)/g)].map((m) => ({
      sign: (m[1] === '-' ? -1 : 1) as 1 | -1,
      number: Number(m[2]),
    }));
  });
  return { kind: 'sum', number, equations };
}
