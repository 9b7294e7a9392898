import { createTheme } from '@mantine/core';

/** A sober government-office look: blue primary, Chinese system fonts first, tabular figures in tables. */
export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans SC", "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif',
  defaultRadius: 'sm',
});
