/**
 * Exact money. Every amount inside the app is an integer count of 分 (0.01 元), so sums are plain integer
 * additions (exact up to 2^53 分 ≈ 90 万亿元) and never touch floating-point fractions. decimal.js is used only at
 * the edges: parsing what officers type, converting between 元 and 万元, rates, and formatting.
 */
import Decimal from 'decimal.js';

/** A decimal.js constructor of our own, so no other library can change its rounding (四舍五入, ROUND_HALF_UP). */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

/** Integer count of 分. Branded so that a display-unit number cannot be passed where 分 are meant. */
export type Fen = number & { readonly __fen: unique symbol };

/** The display and entry unit of a template or table. */
export type MoneyUnit = '元' | '万元';

/** 分 per one display unit. */
const FEN_PER_UNIT: Record<MoneyUnit, number> = { 元: 100, 万元: 1_000_000 };

export const ZERO = 0 as Fen;

export function fen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new RangeError(`金额超出可精确表示的范围：${n}`);
  return n as Fen;
}

/** How amounts are entered and shown: unit and number of decimals (万元 with 2 in the budget set). */
export interface MoneyFormat {
  unit: MoneyUnit;
  decimals: number;
}

export const WAN_YUAN_2: MoneyFormat = { unit: '万元', decimals: 2 };

/**
 * How a column prints its figures: `grouped` with thousands separators and fixed decimals (`12,308.79`, the
 * tables), `fixed` without separators (`75.00`), `general` as short as possible (`251624000`, `7.5`, `0`: a form's
 * figures, like a spreadsheet's General format).
 */
export type AmountStyle = 'grouped' | 'fixed' | 'general';

/**
 * The amounts of one column: the unit they are counted in and how they print, in a document whose amounts are in
 * `money`. Every amount is stored and computed in its own column's unit (a 元 column of a 万元 document holds
 * 251,624,000.00 as typed, and the engine counts it like any figure of the document: as 分 of `money` applied to
 * that number), so sums and 栏次 stay exact without conversion; only input naming the other unit converts, and a
 * formula mixing units says so itself (`/ 10000`).
 */
export interface AmountFormat {
  readonly unit: MoneyUnit;
  readonly style: AmountStyle;
  readonly money: MoneyFormat;
}

/** A column's figure as it prints in its style. */
export function formatFigure(amount: Fen, format: AmountFormat): string {
  if (format.style === 'grouped') return formatAmount(amount, format.money);
  const fixed = formatAmount(amount, format.money, false);
  return format.style === 'fixed' || !fixed.includes('.') ? fixed : fixed.replace(/\.?0+$/, '');
}

/** What an officer types into a column: parseAmount counting the figure in the column's unit. */
export function parseFigure(input: string | number | null | undefined, format: AmountFormat): ParsedAmount {
  return parseAmount(input, format.money, format.unit);
}

/** The exact value of `amount` in the display unit (not rounded). */
export function toUnitDecimal(amount: Fen, unit: MoneyUnit): Dec {
  return new Dec(amount).div(FEN_PER_UNIT[unit]);
}

/** `amount` rounded to the format's decimals, as a decimal in the display unit. */
export function roundToFormat(amount: Fen, format: MoneyFormat): Dec {
  const rounded = toUnitDecimal(amount, format.unit).toDecimalPlaces(format.decimals, Dec.ROUND_HALF_UP);
  // A tiny negative that rounds to zero is zero, not -0.00.
  return rounded.isZero() ? rounded.abs() : rounded;
}

/** A value in the display unit (exact decimal) to 分, rounding half up to the format's decimals first. */
export function fromUnitDecimal(value: Dec, format: MoneyFormat): Fen {
  const rounded = value.toDecimalPlaces(format.decimals, Dec.ROUND_HALF_UP);
  return fen(rounded.mul(FEN_PER_UNIT[format.unit]).toNumber());
}

/** As published: `46,156.15`, `0.00`, `-1,234.56`. */
/**
 * 分 per smallest printed step of a format (0.01 万元 = 10,000 分), when that is a whole number of 分: an amount that
 * is a multiple of it prints and converts with integer arithmetic alone, the common case of figures entered in the
 * display unit; anything else goes through decimal.js with rounding.
 */
function stepOf(format: MoneyFormat): number | undefined {
  const step = FEN_PER_UNIT[format.unit] / 10 ** format.decimals;
  return Number.isInteger(step) ? step : undefined;
}

/** `amount` as plain decimal text in the display unit when it needs no rounding (`-1234.56`), else undefined. */
function exactText(amount: Fen, format: MoneyFormat): string | undefined {
  const step = stepOf(format);
  if (step === undefined || amount % step !== 0) return undefined;
  const steps = amount / step;
  const digits = String(Math.abs(steps)).padStart(format.decimals + 1, '0');
  const sign = steps < 0 ? '-' : '';
  if (format.decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -format.decimals)}.${digits.slice(-format.decimals)}`;
}

export function formatAmount(amount: Fen, format: MoneyFormat, thousands = true): string {
  const fixed = exactText(amount, format) ?? roundToFormat(amount, format).toFixed(format.decimals);
  if (!thousands) return fixed;
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [int = '0', frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** The display-unit number a JSON export carries (`46156.15`; `0` for zero), rounded like the printed cell. */
export function amountToNumber(amount: Fen, format: MoneyFormat): number {
  const exact = exactText(amount, format);
  return exact === undefined ? roundToFormat(amount, format).toNumber() : Number(exact);
}

/** Plain decimal text in the display unit, unrounded and without separators (the book file's amount form). */
export function amountToPlain(amount: Fen, format: MoneyFormat): string {
  return roundToFormat(amount, format).toFixed(format.decimals);
}

/** What a rate cell shows: `3.06%`, or `-` when the denominator is zero (also for 0/0). */
export function formatRate(numerator: Fen, denominator: Fen, decimals = 2): string {
  if (denominator === 0) return '-';
  const rate = new Dec(numerator).div(denominator).mul(100).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
  // A tiny negative rate rounds to zero: print 0.00%, not -0.00%.
  return `${rate.isZero() ? rate.abs().toFixed(decimals) : rate.toFixed(decimals)}%`;
}

/** A share or rate as a bare percentage number with fixed decimals (`52.41`), for narrative text. */
export function percent(numerator: Fen, denominator: Fen, decimals = 2): string | undefined {
  if (denominator === 0) return undefined;
  return new Dec(numerator).div(denominator).mul(100).toFixed(decimals, Dec.ROUND_HALF_UP);
}

export type ParsedAmount =
  | { ok: true; value: Fen; /** true when the input had more decimals than the field keeps */ rounded: boolean }
  | { ok: false; message: string };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/** Marks that stand for an empty amount in Chinese tables: a lone dash means 0. */
const DASHES = new Set(['-', '—', '－', '–', '——']);
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** Whether a cell's text is a lone dash (typed: 0; printed where a figure does not apply). */
export function isDash(text: string): boolean {
  return DASHES.has(text.trim());
}

/**
 * Parses what an officer types or pastes into an amount cell, in the field's format.
 * Accepts `46,156.15`, `46156.15`, `-3.5`, full-width digits and punctuation, spaces, blanks (0), a lone dash (0),
 * accounting negatives `(1,234.56)`, and a trailing unit `元`/`万元` (converted to the unit the figure is counted
 * in: `counted`, the format's unit unless the column declares another). More decimals than the field keeps are
 * rounded half up and reported through `rounded`.
 */
export function parseAmount(input: string | number | null | undefined, format: MoneyFormat, counted: MoneyUnit = format.unit): ParsedAmount {
  if (input === null || input === undefined) return { ok: true, value: ZERO, rounded: false };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `“${input}”不是有效金额` };
    return parseAmount(String(input), format, counted);
  }
  let text = input.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u2212/g, '-');
  text = text.replace(/[\s\u3000]/g, '').replace(/[，,]/g, '').replace(/。/g, '.').replace(/^[¥￥]/, '');
  if (text === '' || DASHES.has(text)) return { ok: true, value: ZERO, rounded: false };
  let inputUnit: MoneyUnit = counted;
  const unitMatch = /(万元|元)$/.exec(text);
  if (unitMatch) {
    inputUnit = unitMatch[1] as MoneyUnit;
    text = text.slice(0, -unitMatch[1]!.length);
  }
  let negative = false;
  if (/^\([^-+]*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (!NUMBER.test(text)) return { ok: false, message: `“${input}”不是有效金额，请输入数字，例如 46,156.15` };
  let value = new Dec(text);
  if (negative) value = value.neg();
  if (inputUnit !== counted) value = value.mul(FEN_PER_UNIT[inputUnit]).div(FEN_PER_UNIT[counted]);
  const rounded = value.decimalPlaces() > format.decimals;
  const result = toFenWithinRange(value, format);
  if (result === undefined) return { ok: false, message: `“${input}”超出可处理的金额范围` };
  return { ok: true, value: result, rounded };
}

/** fromUnitDecimal, but undefined instead of a RangeError when the amount has more 分 than a number holds exactly. */
function toFenWithinRange(value: Dec, format: MoneyFormat): Fen | undefined {
  try {
    return fromUnitDecimal(value, format);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/**
 * Strict form used for files: the amount must already be a plain decimal with at most the format's decimals.
 * Returns a Chinese message otherwise.
 */
/** `1234.56` → 分 with integer arithmetic, for the plain decimals of book files; undefined when not that simple. */
function plainToFen(text: string, format: MoneyFormat): Fen | undefined {
  const m = /^(-?)(\d{1,12})(?:\.(\d+))?$/.exec(text);
  const step = stepOf(format);
  if (!m || step === undefined || (m[3] ?? '').length > format.decimals) return undefined;
  const steps = Number(m[2]! + (m[3] ?? '').padEnd(format.decimals, '0'));
  const fen = steps * step;
  if (!Number.isSafeInteger(fen)) return undefined;
  return (m[1] === '-' && fen !== 0 ? -fen : fen) as Fen;
}

export function parseStoredAmount(input: unknown, format: MoneyFormat): ParsedAmount {
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, message: '金额应为数字或数字文本' };
  }
  const text = String(input).trim();
  const fast = plainToFen(text, format);
  if (fast !== undefined) return { ok: true, value: fast, rounded: false };
  if (!NUMBER.test(text)) return { ok: false, message: `“${text}”不是有效金额` };
  const value = new Dec(text);
  if (value.decimalPlaces() > format.decimals) {
    return { ok: false, message: `“${text}”超过${format.decimals}位小数` };
  }
  const result = toFenWithinRange(value, format);
  if (result === undefined) return { ok: false, message: `“${text}”超出可处理的金额范围` };
  return { ok: true, value: result, rounded: false };
}
