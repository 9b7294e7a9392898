import { describe, expect, it } from 'vitest';
import { type ColNo, type Expr, FormulaError, parseColNo, parseFormula, walk } from './expr';

const name = (n: string): Expr => ({ kind: 'name', name: n });
const num = (text: string): Expr => ({ kind: 'number', text });
const str = (value: string): Expr => ({ kind: 'string', value });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

/** The FormulaError a formula raises (fails the test if it parses). */
function formulaError(src: string): FormulaError {
  try {
    parseFormula(src);
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error(`expected “${src}” to be rejected`);
}

describe('parseFormula: cell references', () => {
  it('a cell by table, row id and column', () => {
    expect(parseFormula('T2[total].c2')).toEqual({ kind: 'cell', table: 'T2', row: { kind: 'id', id: 'total' }, column: 'c2' });
  });

  it('the row with the same id as the current row', () => {
    expect(parseFormula('T3[@].c5')).toEqual({ kind: 'cell', table: 'T3', row: { kind: 'same' }, column: 'c5' });
  });

  it('a row named by an iteration variable', () => {
    expect(parseFormula('T2[$unit].c1')).toEqual({ kind: 'cell', table: 'T2', row: { kind: 'var', name: 'unit' }, column: 'c1' });
  });

  it('the sum over rows whose id starts with a prefix', () => {
    expect(parseFormula('T1[cls*].out')).toEqual({ kind: 'cell', table: 'T1', row: { kind: 'prefix', prefix: 'cls' }, column: 'out' });
  });

  it('row ids may contain digits and slashes, and spaces around the id are ignored', () => {
    expect(parseFormula('T3[ 2101501 ].c2')).toEqual({ kind: 'cell', table: 'T3', row: { kind: 'id', id: '2101501' }, column: 'c2' });
    expect(parseFormula('T6[301/30101].c1')).toEqual({ kind: 'cell', table: 'T6', row: { kind: 'id', id: '301/30101' }, column: 'c1' });
  });

  it('a sum of cells', () => {
    expect(parseFormula('T1[fiscal].in + T1[special].in + T1[unitFunds].in')).toEqual(
      bin(
        '+',
        bin('+', { kind: 'cell', table: 'T1', row: { kind: 'id', id: 'fiscal' }, column: 'in' }, { kind: 'cell', table: 'T1', row: { kind: 'id', id: 'special' }, column: 'in' }),
        { kind: 'cell', table: 'T1', row: { kind: 'id', id: 'unitFunds' }, column: 'in' },
      ),
    );
  });
});

describe('parseFormula: operators', () => {
  it('precedence: + over == over &&, ! binds to its operand', () => {
    expect(parseFormula('a + b == c && !d')).toEqual(
      bin('&&', bin('==', bin('+', name('a'), name('b')), name('c')), { kind: 'unary', op: '!', operand: name('d') }),
    );
  });

  it('&& binds tighter than ||', () => {
    expect(parseFormula('a || b && c')).toEqual(bin('||', name('a'), bin('&&', name('b'), name('c'))));
    expect(parseFormula('a && b || c')).toEqual(bin('||', bin('&&', name('a'), name('b')), name('c')));
  });

  it('comparisons bind tighter than equality, * tighter than +', () => {
    expect(parseFormula('a < b == c')).toEqual(bin('==', bin('<', name('a'), name('b')), name('c')));
    expect(parseFormula('1 + 2 * 3')).toEqual(bin('+', num('1'), bin('*', num('2'), num('3'))));
  });

  it('subtraction is left-associative', () => {
    expect(parseFormula('c1 - c2 - c3')).toEqual(bin('-', bin('-', name('c1'), name('c2')), name('c3')));
  });

  it('parentheses override precedence', () => {
    expect(parseFormula('(1 + 2) * 3')).toEqual(bin('*', bin('+', num('1'), num('2')), num('3')));
    expect(parseFormula('c1 - (c2 - c3)')).toEqual(bin('-', name('c1'), bin('-', name('c2'), name('c3'))));
  });

  it('unary minus and decimals', () => {
    expect(parseFormula('-c2 + 1.5')).toEqual(bin('+', { kind: 'unary', op: '-', operand: name('c2') }, num('1.5')));
  });

  it('all comparison operators', () => {
    for (const op of ['==', '!=', '<=', '>=', '<', '>'] as const) {
      expect(parseFormula(`c1 ${op} c2`)).toEqual(bin(op, name('c1'), name('c2')));
    }
  });
});

describe('parseFormula: aggregates, strings, functions, variables', () => {
  it('sum over a dataset with a filter', () => {
    expect(parseFormula('sum(carryover.amount | unit = $unit, func = "2101501")')).toEqual({
      kind: 'aggregate',
      dataset: 'carryover',
      field: 'amount',
      where: [
        { field: 'unit', value: { kind: 'var', name: 'unit' } },
        { field: 'func', value: str('2101501') },
      ],
    });
  });

  it('sum without a filter', () => {
    expect(parseFormula('sum(basic.gpb)')).toEqual({ kind: 'aggregate', dataset: 'basic', field: 'gpb', where: [] });
  });

  it('an aggregate inside arithmetic', () => {
    expect(parseFormula('sum(basic.gpb | category = "人员类项目支出") + T2[total].c4')).toEqual(
      bin(
        '+',
        { kind: 'aggregate', dataset: 'basic', field: 'gpb', where: [{ field: 'category', value: str('人员类项目支出') }] },
        { kind: 'cell', table: 'T2', row: { kind: 'id', id: 'total' }, column: 'c4' },
      ),
    );
  });

  it('strings keep their content, including the empty string, spaces and Chinese', () => {
    expect(parseFormula('measure == ""')).toEqual(bin('==', name('measure'), str('')));
    expect(parseFormula('symbol != "定性"')).toEqual(bin('!=', name('symbol'), str('定性')));
    expect(parseFormula('"a  b"')).toEqual(str('a  b'));
  });

  it('isNumber() calls', () => {
    expect(parseFormula('isNumber(value)')).toEqual({ kind: 'call', fn: 'isNumber', args: [name('value')] });
    expect(parseFormula('isNumber()')).toEqual({ kind: 'call', fn: 'isNumber', args: [] });
    expect(parseFormula('symbol != "定性" && isNumber(value)')).toEqual(
      bin('&&', bin('!=', name('symbol'), str('定性')), { kind: 'call', fn: 'isNumber', args: [name('value')] }),
    );
  });

  it('a variable', () => {
    expect(parseFormula('$unit')).toEqual({ kind: 'var', name: 'unit' });
  });

  it('walk visits every node, aggregate filters included', () => {
    const kinds: string[] = [];
    walk(parseFormula('sum(basic.gpb | unit = $unit) + -T2[total].c4'), (e) => kinds.push(e.kind));
    expect(kinds).toEqual(['binary', 'aggregate', 'var', 'unary', 'cell']);
  });
});

describe('parseFormula: errors name the position in Chinese', () => {
  it('a missing closing parenthesis is reported at the end of the formula', () => {
    const e = formulaError('(a + b');
    expect(e).toBeInstanceOf(FormulaError);
    expect(e.formula).toBe('(a + b');
    expect(e.position).toBe(6);
    expect(e.message).toBe('公式“(a + b”第 7 个字符处：此处应为“)”');
  });

  it('an extra closing parenthesis is reported where it stands', () => {
    const e = formulaError('a + b)');
    expect(e.position).toBe(5);
    expect(e.message).toBe('公式“a + b)”第 6 个字符处：公式在此处之后有多余内容');
  });

  it('$ without a variable name', () => {
    const e = formulaError('c1 + $');
    expect(e.position).toBe(5);
    expect(e.message).toBe('公式“c1 + $”第 6 个字符处：“$”后应为变量名');
    expect(formulaError('$1').position).toBe(0);
  });

  it('$ without a variable name inside a row selector', () => {
    const e = formulaError('T2[$].c1');
    expect(e.position).toBe(3);
    expect(e.message).toBe('公式“T2[$].c1”第 4 个字符处：“$”后应为变量名');
    expect(formulaError('T2[ $ ].c1').position).toBe(4);
    expect(formulaError('T2[$unit x].c1').message).toContain('“$”后应为变量名');
  });

  it('an unknown function', () => {
    const e = formulaError('max(c1, c2)');
    expect(e.position).toBe(0);
    expect(e.message).toBe('公式“max(c1, c2)”第 1 个字符处：未知的函数“max”');
    expect(formulaError('c1 + foo(c2)').position).toBe(5);
  });

  it('trailing garbage', () => {
    const e = formulaError('c1 c2');
    expect(e.position).toBe(3);
    expect(e.message).toContain('第 4 个字符处');
    expect(e.message).toContain('多余内容');
    // A single = is not an operator outside sum(… | field = value).
    expect(formulaError('T2[total].c1 = T2[total].c2').position).toBe(13);
  });

  it('an unterminated string', () => {
    const e = formulaError('measure == "abc');
    expect(e.position).toBe(11);
    expect(e.message).toBe('公式“measure == "abc”第 12 个字符处：字符串缺少结尾的引号');
  });

  it('an unknown character, a missing ], a missing dot, an incomplete formula', () => {
    expect(formulaError('c1 # c2').message).toBe('公式“c1 # c2”第 4 个字符处：无法识别的字符“#”');
    expect(formulaError('T2[total.c2').message).toBe('公式“T2[total.c2”第 3 个字符处：行选择缺少“]”');
    expect(formulaError('T2[total]c2').message).toBe('公式“T2[total]c2”第 10 个字符处：此处应为“.”');
    expect(formulaError('c1 +').message).toBe('公式“c1 +”第 5 个字符处：公式不完整');
    expect(formulaError('').message).toBe('公式“”第 1 个字符处：公式不完整');
  });

  it('a malformed aggregate', () => {
    expect(formulaError('sum(basic)').message).toContain('此处应为“.”');
    expect(formulaError('sum(basic.gpb | unit $unit)').message).toContain('此处应为“=”');
    expect(formulaError('sum(basic.gpb').message).toContain('此处应为“)”');
  });
});

describe('parseColNo: 栏次 labels', () => {
  it('a sum', () => {
    expect(parseColNo('1=2+14')).toEqual<ColNo>({
      kind: 'sum',
      number: 1,
      equations: [
        [
          { sign: 1, number: 2 },
          { sign: 1, number: 14 },
        ],
      ],
    });
  });

  it('two equations in one label', () => {
    const plus = (...ns: number[]) => ns.map((number) => ({ sign: 1 as const, number }));
    expect(parseColNo('2=3+4=5+8+11+14+17')).toEqual<ColNo>({
      kind: 'sum',
      number: 2,
      equations: [plus(3, 4), plus(5, 8, 11, 14, 17)],
    });
  });

  it('a difference keeps the signs', () => {
    expect(parseColNo('10=6-2')).toEqual<ColNo>({
      kind: 'sum',
      number: 10,
      equations: [
        [
          { sign: 1, number: 6 },
          { sign: -1, number: 2 },
        ],
      ],
    });
  });

  it('a rate', () => {
    expect(parseColNo('13=9/1')).toEqual<ColNo>({ kind: 'rate', number: 13, numerator: 9, denominator: 1 });
  });

  it('a plain column number', () => {
    expect(parseColNo('4')).toEqual<ColNo>({ kind: 'plain', number: 4 });
    expect(parseColNo('20')).toEqual<ColNo>({ kind: 'plain', number: 20 });
  });

  it('spaces are ignored', () => {
    expect(parseColNo(' 1 = 2 + 14 ')).toEqual(parseColNo('1=2+14'));
  });

  it('malformed labels raise a FormulaError with a Chinese message', () => {
    for (const label of ['1=2+', 'a=1', '1=', '', '=2+3', '1=2*3', '13=9/1/2', '13=9/1=2', '1=+2']) {
      let error: unknown;
      try {
        parseColNo(label);
      } catch (e) {
        error = e;
      }
      expect(error, label).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).message, label).toContain('栏次公式应形如');
      expect((error as FormulaError).formula, label).toBe(label);
    }
  });
});
