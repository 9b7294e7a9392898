/**
 * Command line over the shared code, for finance departments checking many units' files and for tests:
 *   npm run cli -- derive FILE [--json]
 *   npm run cli -- check FILE [--json]
 *   npm run cli -- export FILE --xlsx OUT.xlsx, import IN.xlsx --out FILE (workbook-commands.ts)
 *   npm run cli -- export FILE --pdf OUT.pdf (pdf-export.ts)
 * Exit codes: 0 no 强制 failure, 1 a 强制 check failed, 2 the file cannot be read (the message says why and where).
 * The commands live in commands.ts; this file only connects them to the process.
 */
import { run } from './commands';
import { isPdfCommand, runPdfCommand } from './pdf-export';
import { isWorkbookCommand, runWorkbookCommand } from './workbook-commands';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});
const argv = process.argv.slice(2);
const progress = (line: string) => process.stderr.write(`${line}\n`);
const result = isPdfCommand(argv)
  ? await runPdfCommand(argv, progress)
  : isWorkbookCommand(argv)
    ? await runWorkbookCommand(argv)
    : await run(argv);
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
