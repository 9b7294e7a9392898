/**
 * Problems found in a file (a template or a book), each with where it is, in words an officer can act on.
 */
import type { z } from 'zod';

export interface Problem {
  /** Where: e.g. `data.basic[12]（记录 b013）字段 func`, or `表3 列 c2`. */
  where: string;
  message: string;
}

export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: Problem[],
  ) {
    super(`${subject}有 ${problems.length} 处问题：\n${problems.map((p) => `- ${p.where}：${p.message}`).join('\n')}`);
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '是/否',
  object: '对象',
  record: '对象',
  map: '对象',
  set: '列表',
  bigint: '数字',
  date: '日期',
  array: '列表',
  undefined: '空值',
  null: '空值',
};

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '（文件顶层）';
}

const CHINESE_MESSAGE = /^[\u4e00-\u9fff]/;

/** A zod issue in Chinese, with no English type names. A message the schema wrote in Chinese (it starts with a Chinese character) is kept. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_union' && CHINESE_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const received = TYPE_NAMES[typeOf(issue.input)] ?? '其他';
      return issue.input === undefined ? `缺少此项（应为${expected}）` : `应为${expected}，实际为${received}`;
    }
    case 'invalid_value':
      return `取值无效，应为以下之一：${issue.values.map((v) => `“${String(v)}”`).join('、')}`;
    case 'unrecognized_keys':
      return `有无法识别的项：${issue.keys.map((k) => `“${k}”`).join('、')}`;
    case 'too_small':
      return issue.origin === 'array' ? `至少应有 ${String(issue.minimum)} 项` : issue.message || '内容过短或数值过小';
    case 'too_big':
      return issue.origin === 'array' ? `最多 ${String(issue.maximum)} 项` : '内容过长或数值过大';
    case 'invalid_union':
      return '格式不符合任何一种允许的写法';
    case 'invalid_format':
      return issue.message || '格式不正确';
    default:
      return issue.message || '内容无效';
  }
}

/**
 * A union mismatch ("none of the allowed forms") says little; the alternative that got furthest (its problems lie
 * deepest) is almost always the one meant, so its problems are reported instead, at their full path.
 */
function specific(issue: z.core.$ZodIssue, base: readonly PropertyKey[]): { path: PropertyKey[]; issue: z.core.$ZodIssue }[] {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, issue }];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  if (depth(best) === 0) return [{ path, issue }];
  return best.flatMap((i) => specific(i, path));
}

export function zodProblems(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues
    .flatMap((issue) => specific(issue, []))
    .map(({ path, issue }) => ({ where: prefix + formatPath(path), message: describeIssue(issue) }));
}
