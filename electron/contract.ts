/**
 * The IPC contract between the preload bridge and the main process: one channel per bridge call, each taking one
 * argument object, and the schema main checks it against. The renderer is treated as untrusted (it renders files
 * that come from other people), so main never relies on the TypeScript types alone.
 *
 * The preload imports only types from here: a sandboxed preload can `require` nothing but 'electron'.
 */
import { z } from 'zod';

/** Largest file the bridge moves in one call (a 100× department's PDF stays far below this). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

const bytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: '应为文件内容（字节）' })
  .refine((b) => b.byteLength <= MAX_FILE_BYTES, { message: '文件超过 256 MB' });

// Control characters and the characters Windows forbids in file names: a suggested name must be one plain name.
const FORBIDDEN_NAME_CHARS = /[\u0000-\u001f\u007f<>:"/\\|?*]/;

/** A file name offered in the save dialog, e.g. 贵州省财政厅2024年部门预算.xlsx: one name, never a path. */
const suggestedName = z
  .string()
  .min(1, { message: '文件名为空' })
  .max(200, { message: '文件名超过 200 个字符' })
  .refine((s) => !FORBIDDEN_NAME_CHARS.test(s), { message: '文件名含有路径分隔符或不允许的字符' })
  .refine((s) => s.trim() === s && !/^\.+$/.test(s) && !s.endsWith('.'), { message: '文件名格式不正确' });

export const fileFilterSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(50)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '文件类型名称含有控制字符' }),
  extensions: z
    .array(z.string().regex(/^[A-Za-z0-9]{1,10}$/, { message: '扩展名只能是字母和数字' }))
    .min(1)
    .max(10),
});
const fileFilters = z.array(fileFilterSchema).max(10);

// Names Windows reserves for devices, with or without an extension (NUL.json opens the null device).
const NOT_A_DEVICE = '(?!(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\\.|$))';

/** Folder name of one book's backups: the book's id (a UUID in renderer/db). */
export const BOOK_ID_PATTERN = new RegExp(`^${NOT_A_DEVICE}[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`, 'i');
/**
 * A backup's file name, as renderer/db names them (贵州省财政厅-2024年-2026-11-25T10-00-00.000Z.budget.json):
 * letters of any script, digits, `_ . - ( ) （ ） ·`, not starting with a dot, ending in .json.
 */
const BACKUP_FILE_PATTERN = new RegExp(
  `^${NOT_A_DEVICE}[\\p{L}\\p{N}_][\\p{L}\\p{M}\\p{N}_.()（）·-]*\\.json$`,
  'iu',
);
// Linux file systems allow 255 bytes per name (a Chinese character takes 3); this leaves room for `.partial`.
const MAX_BACKUP_NAME_BYTES = 240;

export function isBackupFileName(name: string): boolean {
  return BACKUP_FILE_PATTERN.test(name) && new TextEncoder().encode(name).length <= MAX_BACKUP_NAME_BYTES;
}

const bookId = z.string().regex(BOOK_ID_PATTERN, { message: '账套编号格式不正确' });
const backupFileName = z.string().refine(isBackupFileName, { message: '备份文件名格式不正确' });

export const pdfRequestSchema = z.strictObject({
  landscape: z.boolean(),
  /** Footer text; {page} and {pages} become the page number and the page count. */
  footer: z.string().max(200, { message: '页脚超过 200 个字符' }),
});

/** Each channel's argument schema; `undefined` for calls without an argument. */
export const channelArgs = {
  'budget:save-file': z.strictObject({ suggestedName, bytes, filters: fileFilters }),
  'budget:open-file': z.strictObject({ filters: fileFilters }),
  'budget:print-to-pdf': pdfRequestSchema,
  'budget:backup-write': z.strictObject({ bookId, fileName: backupFileName, bytes }),
  'budget:backup-list': z.strictObject({ bookId }),
  'budget:backup-read': z.strictObject({ bookId, fileName: backupFileName }),
  'budget:app-version': z.undefined(),
} as const;

export type FileFilter = z.infer<typeof fileFilterSchema>;
export type PdfRequest = z.infer<typeof pdfRequestSchema>;
export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}
export interface BackupEntry {
  fileName: string;
  /** ISO time of the save. */
  savedAt: string;
  size: number;
}

/** What each channel resolves to. */
export interface ChannelResults {
  'budget:save-file': boolean;
  'budget:open-file': OpenedFile | null;
  'budget:print-to-pdf': Uint8Array;
  'budget:backup-write': void;
  'budget:backup-list': BackupEntry[];
  'budget:backup-read': Uint8Array;
  'budget:app-version': string;
}

export type Channel = keyof typeof channelArgs & keyof ChannelResults;
export type ChannelArg<C extends Channel> = z.infer<(typeof channelArgs)[C]>;

/** The one channel on which main sends menu commands to the renderer. */
export const COMMAND_CHANNEL = 'budget:command';

/** What the menus ask the renderer to do; the renderer receives them through `budgetDesktop.onCommand`. */
export const menuCommands = [
  'new-book',
  'open-book',
  'export-book',
  'export-workbook',
  'export-pdf',
  'undo',
  'redo',
  'about',
] as const;
export type MenuCommand = (typeof menuCommands)[number];
