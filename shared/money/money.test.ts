// Expected values are worked out by hand (1 万元 = 10 000 元 = 1 000 000 分) or taken from the published
// 2024 Guizhou 医疗保障局 figures, never from running the code.
import { describe, expect, it } from 'vitest';
import {
  type Fen,
  type MoneyFormat,
  WAN_YUAN_2,
  amountToNumber,
  amountToPlain,
  fen,
  formatAmount,
  type AmountFormat,
  formatFigure,
  formatRate,
  parseAmount,
  parseFigure,
  parseStoredAmount,
  percent,
  Dec,
} from './money';

const YUAN_2: MoneyFormat = { unit: '元', decimals: 2 };
const YUAN_0: MoneyFormat = { unit: '元', decimals: 0 };

/** The 分 value of a successful parse; fails the test with the message otherwise. */
function parsed(input: string | number | null | undefined, format: MoneyFormat = WAN_YUAN_2): { value: number; rounded: boolean } {
  const r = parseAmount(input, format);
  if (!r.ok) throw new Error(`expected “${String(input)}” to parse, got: ${r.message}`);
  return { value: r.value, rounded: r.rounded };
}

function rejected(input: string | number, format: MoneyFormat = WAN_YUAN_2): string {
  const r = parseAmount(input, format);
  if (r.ok) throw new Error(`expected “${String(input)}” to be rejected, got ${r.value} 分`);
  return r.message;
}

describe('parseAmount: what officers type or paste (万元, 2 decimals)', () => {
  it('reads plain and grouped numbers', () => {
    expect(parsed('46,156.15')).toEqual({ value: 46_156_150_000, rounded: false });
    expect(parsed('46156.15')).toEqual({ value: 46_156_150_000, rounded: false });
    expect(parsed('-3.5')).toEqual({ value: -3_500_000, rounded: false });
    expect(parsed('+5')).toEqual({ value: 5_000_000, rounded: false });
    expect(parsed('0.01')).toEqual({ value: 10_000, rounded: false });
    expect(parsed('.5').value).toBe(500_000);
    expect(parsed('¥1,234.00').value).toBe(1_234_000_000);
  });

  it('reads full-width digits and punctuation (Chinese input methods)', () => {
    expect(parsed('４６，１５６．１５')).toEqual({ value: 46_156_150_000, rounded: false });
    expect(parsed('－３．５').value).toBe(-3_500_000);
    expect(parsed('46156。15').value).toBe(46_156_150_000);
  });

  it('ignores spaces, ideographic spaces and tabs', () => {
    expect(parsed(' 46 156.15 ').value).toBe(46_156_150_000);
    expect(parsed('46\u3000156.15').value).toBe(46_156_150_000);
    expect(parsed('\t46,156.15\n').value).toBe(46_156_150_000);
  });

  it('treats blank and a lone dash as 0', () => {
    for (const input of ['', '   ', '\u3000', null, undefined, '-', '—', '－', '–', '——']) {
      expect(parsed(input), JSON.stringify(input)).toEqual({ value: 0, rounded: false });
    }
  });

  it('reads accounting negatives in parentheses', () => {
    expect(parsed('(1,234.56)')).toEqual({ value: -1_234_560_000, rounded: false });
    expect(parsed('（１，２３４．５６）').value).toBe(-1_234_560_000);
    expect(parsed('(1,234.56)', YUAN_2).value).toBe(-123_456);
  });

  it('converts 元 typed into a 万元 field, rounding to 2 decimals of 万元', () => {
    // 12345 元 = 1.2345 万元 → 1.23 万元 = 1 230 000 分 (the 45 元 below 0.01 万元 are rounded away).
    expect(parsed('12345元')).toEqual({ value: 1_230_000, rounded: true });
    expect(parsed('12,345 元')).toEqual({ value: 1_230_000, rounded: true });
    // 12350 元 = 1.235 万元 → 1.24 (half up).
    expect(parsed('12350元')).toEqual({ value: 1_240_000, rounded: true });
    // 10000 元 = exactly 1 万元: nothing lost.
    expect(parsed('10000元')).toEqual({ value: 1_000_000, rounded: false });
    expect(parsed('1.2万元')).toEqual({ value: 1_200_000, rounded: false });
  });

  it('converts 万元 typed into a 元 field', () => {
    // 1.2 万元 = 12 000 元 = 1 200 000 分.
    expect(parsed('1.2万元', YUAN_2)).toEqual({ value: 1_200_000, rounded: false });
    expect(parsed('12000元', YUAN_2)).toEqual({ value: 1_200_000, rounded: false });
    expect(parsed('0.000001万元', YUAN_2)).toEqual({ value: 1, rounded: false });
  });

  it('rounds extra decimals half up (四舍五入) and says so', () => {
    expect(parsed('0.005')).toEqual({ value: 10_000, rounded: true });
    expect(parsed('0.004')).toEqual({ value: 0, rounded: true });
    expect(parsed('0.0049')).toEqual({ value: 0, rounded: true });
    expect(parsed('1.235')).toEqual({ value: 1_240_000, rounded: true });
    expect(parsed('1.234')).toEqual({ value: 1_230_000, rounded: true });
    // Values that binary floating point gets wrong: (2.675).toFixed(2) is "2.67", (1.005).toFixed(2) is "1.00".
    expect(parsed('2.675')).toEqual({ value: 2_680_000, rounded: true });
    expect(parsed('1.005')).toEqual({ value: 1_010_000, rounded: true });
    expect(parsed('0.005', YUAN_2)).toEqual({ value: 1, rounded: true });
  });

  it('rounds negatives on their absolute value (−0.005 → −0.01, as 四舍五入 of 0.005 gives 0.01)', () => {
    // decimal.js ROUND_HALF_UP rounds a tie away from zero, which is 四舍五入 applied to the absolute value.
    expect(parsed('-0.005')).toEqual({ value: -10_000, rounded: true });
    expect(parsed('-1.005')).toEqual({ value: -1_010_000, rounded: true });
    expect(parsed('-1.234')).toEqual({ value: -1_230_000, rounded: true });
    const small = parsed('-0.004');
    expect(small.rounded).toBe(true);
    expect(small.value == 0).toBe(true); // may be -0, which is equal to 0 and prints as 0.00
    expect(formatAmount(small.value as Fen, WAN_YUAN_2)).toBe('0.00');
  });

  it('keeps two decimals without rounding', () => {
    expect(parsed('0.10')).toEqual({ value: 100_000, rounded: false });
    expect(parsed('5.')).toEqual({ value: 5_000_000, rounded: false });
  });

  it('accepts numbers (pasted from a spreadsheet)', () => {
    expect(parsed(46156.15)).toEqual({ value: 46_156_150_000, rounded: false });
    expect(parsed(-3.5).value).toBe(-3_500_000);
    expect(parsed(0)).toEqual({ value: 0, rounded: false });
  });

  it('rejects garbage with a Chinese message quoting the input', () => {
    for (const input of ['12a', '1.2.3', '--1', 'abc', '.', '()', '1-2', '12万', '1e5']) {
      const message = rejected(input);
      expect(message, input).toContain(`“${input}”`);
      expect(message, input).toContain('不是有效金额');
    }
    expect(rejected('12a')).toBe('“12a”不是有效金额，请输入数字，例如 46,156.15');
    expect(rejected(Number.NaN)).toContain('NaN');
    expect(rejected(Number.POSITIVE_INFINITY)).toContain('不是有效金额');
  });

  it('rejects an amount too large to hold exactly in 分 with a message instead of throwing', () => {
    // 2^53 分 ≈ 9 007 199 254.74 万元. 9 000 000 000 万元 = 9×10^15 分 still fits; 10^10 万元 = 10^16 分 does not.
    expect(parsed('9000000000').value).toBe(9_000_000_000_000_000);
    const message = rejected('10000000000');
    expect(message).toContain('“10000000000”');
    expect(message).toContain('超出可处理的金额范围');
    expect(rejected('99,999,999,999,999元', YUAN_2)).toContain('超出可处理的金额范围');
  });
});

describe('parseStoredAmount: amounts in the book file (strict)', () => {
  it('reads plain decimals as text or number', () => {
    expect(parseStoredAmount('46156.15', WAN_YUAN_2)).toEqual({ ok: true, value: 46_156_150_000, rounded: false });
    expect(parseStoredAmount(46156.15, WAN_YUAN_2)).toEqual({ ok: true, value: 46_156_150_000, rounded: false });
    expect(parseStoredAmount('-0.50', WAN_YUAN_2)).toEqual({ ok: true, value: -500_000, rounded: false });
    expect(parseStoredAmount('0', WAN_YUAN_2)).toEqual({ ok: true, value: 0, rounded: false });
    expect(parseStoredAmount('123.53', YUAN_2)).toEqual({ ok: true, value: 12_353, rounded: false });
  });

  it('rejects more decimals than the template keeps instead of rounding', () => {
    expect(parseStoredAmount('1.234', WAN_YUAN_2)).toEqual({ ok: false, message: '“1.234”超过2位小数' });
    expect(parseStoredAmount('0.005', WAN_YUAN_2)).toEqual({ ok: false, message: '“0.005”超过2位小数' });
    expect(parseStoredAmount(0.125, WAN_YUAN_2)).toEqual({ ok: false, message: '“0.125”超过2位小数' });
    expect(parseStoredAmount('1.5', YUAN_0)).toEqual({ ok: false, message: '“1.5”超过0位小数' });
  });

  it('rejects what only the lenient entry form accepts', () => {
    for (const input of ['46,156.15', '12a', '1.2.3', '', '-', '(5)', '12元', '４６']) {
      const r = parseStoredAmount(input, WAN_YUAN_2);
      expect(r, input).toEqual({ ok: false, message: `“${input.trim()}”不是有效金额` });
    }
  });

  it('rejects values that are neither number nor text', () => {
    for (const input of [null, undefined, true, {}, ['1']]) {
      expect(parseStoredAmount(input, WAN_YUAN_2)).toEqual({ ok: false, message: '金额应为数字或数字文本' });
    }
  });

  it('rejects an amount too large for exact 分 with a message instead of throwing', () => {
    const r = parseStoredAmount('10000000000.00', WAN_YUAN_2);
    expect(r).toEqual({ ok: false, message: '“10000000000.00”超出可处理的金额范围' });
  });
});

describe('formatAmount: as published', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatAmount(fen(46_156_150_000), WAN_YUAN_2)).toBe('46,156.15');
    expect(formatAmount(fen(0), WAN_YUAN_2)).toBe('0.00');
    expect(formatAmount(fen(-1_234_560_000), WAN_YUAN_2)).toBe('-1,234.56');
    expect(formatAmount(fen(999_990_000), WAN_YUAN_2)).toBe('999.99');
    expect(formatAmount(fen(1_000_000_000), WAN_YUAN_2)).toBe('1,000.00');
    expect(formatAmount(fen(10_000), WAN_YUAN_2)).toBe('0.01');
    expect(formatAmount(fen(-10_000), WAN_YUAN_2)).toBe('-0.01');
  });

  it('prints large amounts exactly', () => {
    expect(formatAmount(fen(460_024_630_000), WAN_YUAN_2)).toBe('460,024.63');
    expect(formatAmount(fen(389_428_000_000), WAN_YUAN_2)).toBe('389,428.00');
    // 12 345 678 901.23 元 = 1 234 567 890 123 分.
    expect(formatAmount(fen(1_234_567_890_123), YUAN_2)).toBe('12,345,678,901.23');
    expect(formatAmount(fen(-1_234_567_890_123), YUAN_2)).toBe('-12,345,678,901.23');
    // 9 000 000 000 万元, close to the largest exact amount.
    expect(formatAmount(fen(9_000_000_000_000_000), WAN_YUAN_2)).toBe('9,000,000,000.00');
  });

  it('can leave out the thousands separators', () => {
    expect(formatAmount(fen(46_156_150_000), WAN_YUAN_2, false)).toBe('46156.15');
    expect(formatAmount(fen(-1_234_560_000), WAN_YUAN_2, false)).toBe('-1234.56');
  });

  it('rounds 元-precision amounts half up into 万元', () => {
    // 123 456 789 分 = 1 234 567.89 元 = 123.456789 万元.
    expect(formatAmount(fen(123_456_789), WAN_YUAN_2)).toBe('123.46');
    // 5 000 分 = 50 元 = 0.005 万元 → 0.01; 4 999 分 = 0.004999 万元 → 0.00.
    expect(formatAmount(fen(5_000), WAN_YUAN_2)).toBe('0.01');
    expect(formatAmount(fen(4_999), WAN_YUAN_2)).toBe('0.00');
    expect(formatAmount(fen(-5_000), WAN_YUAN_2)).toBe('-0.01');
    // A negative amount that rounds to zero prints as 0.00, never -0.00.
    expect(formatAmount(fen(-4_999), WAN_YUAN_2)).toBe('0.00');
    // 1 234 995 000 分 = 1 234.995 万元 → 1 235.00 (the carry crosses the thousands).
    expect(formatAmount(fen(1_234_995_000), WAN_YUAN_2)).toBe('1,235.00');
    // 元 with no decimals: 12 345.50 元 → 12 346.
    expect(formatAmount(fen(1_234_550), YUAN_0)).toBe('12,346');
  });

  it('gives the JSON number and the plain text of the book file', () => {
    expect(amountToNumber(fen(46_156_150_000), WAN_YUAN_2)).toBe(46156.15);
    expect(amountToNumber(fen(5_000), WAN_YUAN_2)).toBe(0.01);
    expect(amountToPlain(fen(-1_234_560_000), WAN_YUAN_2)).toBe('-1234.56');
    expect(amountToPlain(fen(0), WAN_YUAN_2)).toBe('0.00');
  });
});

describe('formatRate', () => {
  it('shows a percentage with two decimals, rounded half up', () => {
    // 三公 rates of the published tables: 0.27 / 8.83 = 0.030577… → 3.06 %, 0.27 / 2.38 = 0.113445… → 11.34 %.
    expect(formatRate(fen(270_000), fen(8_830_000))).toBe('3.06%');
    expect(formatRate(fen(270_000), fen(2_380_000))).toBe('11.34%');
    expect(formatRate(fen(0), fen(8_830_000))).toBe('0.00%');
    expect(formatRate(fen(1), fen(8))).toBe('12.50%');
    expect(formatRate(fen(1), fen(800))).toBe('0.13%'); // 0.125 % rounds up
    expect(formatRate(fen(2), fen(3))).toBe('66.67%');
    expect(formatRate(fen(100), fen(100))).toBe('100.00%');
    expect(formatRate(fen(-270_000), fen(8_830_000))).toBe('-3.06%');
    expect(formatRate(fen(1), fen(3), 0)).toBe('33%');
  });

  it('shows - when the denominator is zero, also for 0/0', () => {
    expect(formatRate(fen(270_000), fen(0))).toBe('-');
    expect(formatRate(fen(-270_000), fen(0))).toBe('-');
    expect(formatRate(fen(0), fen(0))).toBe('-');
  });

  it('percent gives the bare number for narrative text', () => {
    expect(percent(fen(270_000), fen(8_830_000))).toBe('3.06');
    expect(percent(fen(0), fen(0))).toBeUndefined();
  });
});

describe('sums are exact', () => {
  it('adding 0.1 万元 ten thousand times in 分 is exactly 1000.00 万元', () => {
    const tenth = parsed('0.1').value;
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += tenth;
    expect(sum).toBe(1_000_000_000);
    expect(sum).toBe(parsed('1000.00').value);
    expect(formatAmount(fen(sum), WAN_YUAN_2)).toBe('1,000.00');
    // The same sum in floating point is not 1000, which is why amounts are kept in 分.
    let float = 0;
    for (let i = 0; i < 10_000; i++) float += 0.1;
    expect(float).not.toBe(1000);
  });

  it('adding 0.01 万元 a hundred thousand times is exactly 1000.00 万元', () => {
    const cent = parsed('0.01').value;
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += cent;
    expect(formatAmount(fen(sum), WAN_YUAN_2)).toBe('1,000.00');
  });

  it('the published 本年收入 is the sum of the two units’ 一般公共预算拨款', () => {
    // 10 931.32 + 35 224.83 = 46 156.15 (表1 一、本年收入).
    const sum = parsed('10931.32').value + parsed('35224.83').value;
    expect(formatAmount(fen(sum), WAN_YUAN_2)).toBe('46,156.15');
    // 46 156.15 + 1 725.02 (上年结转) = 47 881.17 (收入总计).
    expect(formatAmount(fen(sum + parsed('1725.02').value), WAN_YUAN_2)).toBe('47,881.17');
  });
});

describe('fen', () => {
  it('accepts safe integers only', () => {
    expect(fen(12_353)).toBe(12_353);
    expect(() => fen(1.5)).toThrow(RangeError);
    expect(() => fen(2 ** 53)).toThrow(RangeError);
    expect(() => fen(Number.NaN)).toThrow(RangeError);
  });
});

describe('edge cases of signs', () => {
  it('a rate that rounds to zero prints 0.00%, never -0.00%', () => {
    // −0.0001 / 6.45 × 100 = −0.00155…% → 0.00%
    expect(formatRate(-100 as Fen, 64_500_000 as Fen)).toBe('0.00%');
  });

  it('accepts the typographic minus sign U+2212 and refuses a negative inside accounting parentheses', () => {
    const minus = parseAmount('\u22123.50', WAN_YUAN_2);
    expect(minus).toEqual({ ok: true, value: -3_500_000, rounded: false });
    expect(parseAmount('(-5)', WAN_YUAN_2).ok).toBe(false);
  });
});


describe('integer fast paths agree with decimal.js', () => {
  it('formatting, conversion and parsing of many random amounts, exact and needing rounding', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 5000; i++) {
      const magnitude = 10 ** Math.floor(random() * 12); // up to 10^11 steps of 0.01 万元: within 2^53 分
      const raw = Math.round((random() - 0.5) * magnitude);
      const amount = ((i % 2 === 0 ? raw * 10_000 : raw) || 0) as Fen; // whole 0.01 万元, or 元/分 precision; never -0
      const rounded = new Dec(amount).div(1_000_000).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
      const reference = rounded.isZero() ? rounded.abs() : rounded; // never -0.00
      const text = reference.toFixed(2);
      const [int, frac] = text.replace('-', '').split('.');
      const grouped = `${text.startsWith('-') ? '-' : ''}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
      expect(formatAmount(amount, WAN_YUAN_2)).toBe(grouped);
      expect(amountToNumber(amount, WAN_YUAN_2)).toBe(reference.toNumber());
      if (i % 2 === 0) expect(parseStoredAmount(text, WAN_YUAN_2)).toEqual({ ok: true, value: amount, rounded: false });
    }
  });
});

describe('a column counted in 元 inside a 万元 document (the 自评表 forms)', () => {
  // Figures are counted in the column's unit: 251,624,000.00 元 is held as 251,624,000 × 1,000,000 (分 of the
  // document's 万元 format applied to the number), so it prints and stores as 251624000.00 without conversion.
  const yuan: AmountFormat = { unit: '元', style: 'general', money: WAN_YUAN_2 };
  const figure = (input: string) => {
    const r = parseFigure(input, yuan);
    if (!r.ok) throw new Error(r.message);
    return r;
  };

  it('takes a typed 万元 figure as its 元 (25,162.40 万元 = 251,624,000 元)', () => {
    expect(figure('25162.4万元')).toEqual({ ok: true, value: 251_624_000_000_000, rounded: false });
    expect(amountToPlain(figure('25162.4万元').value as Fen, WAN_YUAN_2)).toBe('251624000.00');
  });

  it('takes a bare or 元 figure as typed, to the 分', () => {
    expect(figure('251,624,000').value).toBe(251_624_000_000_000);
    expect(figure('680000.00元').value).toBe(680_000_000_000);
    expect(figure('0.01').value).toBe(10_000);
    expect(figure('0.005').rounded).toBe(true);
  });

  it('says when a 元 figure is too large to hold exactly (about 90 亿元 in a 万元 document)', () => {
    expect(parseFigure('10000000000', yuan)).toEqual({ ok: false, message: '“10000000000”超出可处理的金额范围' });
  });

  it('prints in the column’s style: as short as possible, with fixed decimals, or grouped', () => {
    const v = figure('188730000').value;
    expect(formatFigure(v, yuan)).toBe('188730000');
    expect(formatFigure(figure('7.5').value, yuan)).toBe('7.5');
    expect(formatFigure(figure('84.66').value, yuan)).toBe('84.66');
    expect(formatFigure(0 as Fen, yuan)).toBe('0');
    expect(formatFigure(figure('75').value, { ...yuan, style: 'fixed' })).toBe('75.00');
    expect(formatFigure(v, { ...yuan, style: 'grouped' })).toBe('188,730,000.00');
    expect(formatFigure(-(figure('1234.5').value as number) as Fen, yuan)).toBe('-1234.5');
  });
});

