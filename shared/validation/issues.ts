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

/** A zod issue in Chinese, with no English type names. */
export function describeIssue(issue: z.core.$ZodIssue): string {
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

export function zodProblems(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((issue) => ({
    where: prefix + formatPath(issue.path),
    message: describeIssue(issue),
  }));
}
