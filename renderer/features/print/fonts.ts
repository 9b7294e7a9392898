/**
 * The print document's fonts, bundled with the app so every machine prints the same pages: Noto Serif SC (a 宋体
 * for the body and the tables) and Noto Sans SC Bold (a 黑体 for headings), from @fontsource. Each comes as ~100
 * woff2 slices by Unicode range; the browser loads only the slices a document uses, and Chromium embeds each as a
 * CID TrueType subset in the PDF. Own family names keep the UI (which may list "Noto Sans SC") off these faces, and
 * only the woff2 files are bundled.
 */
import sansRanges from '@fontsource/noto-sans-sc/unicode.json';
import serifRanges from '@fontsource/noto-serif-sc/unicode.json';

/** The only font families the print CSS names. */
export const PRINT_SERIF = 'BudgetPrintSerif';
export const PRINT_SANS = 'BudgetPrintSans';

const serifFiles = import.meta.glob<string>('../../../node_modules/@fontsource/noto-serif-sc/files/*-400-normal.woff2', {
  query: '?url',
  import: 'default',
  eager: true,
});
const sansFiles = import.meta.glob<string>('../../../node_modules/@fontsource/noto-sans-sc/files/*-700-normal.woff2', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** `[12]` → `12`, `latin` → `latin`: the part of the file name that names the slice. */
function sliceName(key: string): string {
  return key.replace(/^\[(\d+)\]$/, '$1');
}

function faces(family: string, weight: number, ranges: Record<string, string>, files: Record<string, string>, prefix: string): string[] {
  const byName = new Map(Object.entries(files).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
  return Object.entries(ranges).flatMap(([key, range]) => {
    const url = byName.get(`${prefix}-${sliceName(key)}-${weight}-normal.woff2`);
    if (!url) return [];
    return [
      `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;` +
        `src:url(${url}) format('woff2');unicode-range:${range}}`,
    ];
  });
}

/** The @font-face rules of both families. */
export function printFontsCss(): string {
  return [
    ...faces(PRINT_SERIF, 400, serifRanges, serifFiles, 'noto-serif-sc'),
    ...faces(PRINT_SANS, 700, sansRanges, sansFiles, 'noto-sans-sc'),
  ].join('\n');
}
