/** The kinds of file the app opens and saves, as the file dialogs name them. */
export const BOOK_FILES = [{ name: '数据包', extensions: ['json'] }];
