/**
 * The system's Chromium, which the command line prints with through playwright-core (Playwright's own browser
 * downloads are never used: these machines have no internet). CHROME_PATH names another Chromium or Chrome.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const NO_CHROMIUM =
  '找不到 Chromium 浏览器，无法生成 PDF。请安装 Debian 软件包 chromium（sudo apt-get install chromium），' +
  '或用环境变量 CHROME_PATH 指定 Chromium 或 Chrome 的可执行文件。';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to print with: CHROME_PATH if set, else /usr/bin/chromium, else the first on PATH; undefined if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROME_PATH) return executable(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of NAMES) for (const dir of dirs) if (executable(path.join(dir, name))) return path.join(dir, name);
  return undefined;
}
