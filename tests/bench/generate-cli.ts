/**
 * Writes a generated large department book (generate.ts) to a file, for importing in the editor or the CLI:
 *
 *   npm run generate -- OUT.budget.json [--scale 100] [--seed 1]
 */
import { writeFileSync } from 'node:fs';
import { generateBook, scaleOptions } from './generate';

function main(argv: string[]): void {
  const out = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!out) {
    process.stderr.write('用法：npm run generate -- OUT.budget.json [--scale 100] [--seed 1]\n');
    process.exitCode = 2;
    return;
  }
  const scale = Number(flag('scale') ?? 100);
  const seed = Number(flag('seed') ?? 1);
  if (!(scale > 0) || !Number.isInteger(seed)) {
    process.stderr.write('--scale 应为正数，--seed 应为整数\n');
    process.exitCode = 2;
    return;
  }
  const options = scaleOptions(scale, seed);
  const book = generateBook(options);
  const text = `${JSON.stringify(book, null, 1)}\n`;
  writeFileSync(out, text);
  const d = book.data;
  const funcs = new Set([...d['basic']!, ...d['projectLines']!].map((r) => r['func']));
  process.stdout.write(
    `${out}: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MiB, ${book.units.length} 个单位, 基本支出 ${d['basic']!.length} 行, 项目支出 ${d['projectLines']!.length} 行（${d['projects']!.length} 个项目）, ` +
      `功能科目（项）${funcs.size} 个（新增 ${book.extraCodes!['functional']!.filter((c) => c.code.length === 7).length} 个）, 转移支付 ${d['transfers']!.length} 个, 绩效目标 ${d['targets']!.length} 个, 指标 ${d['indicators']!.length} 个\n`,
  );
}

main(process.argv.slice(2));
