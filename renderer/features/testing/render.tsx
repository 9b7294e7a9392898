/** For component tests: rendering inside the app's Mantine theme, with transitions and portals off. */
import { MantineProvider } from '@mantine/core';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { theme } from '../../app/theme';

// happy-dom has no FontFaceSet; Mantine's autosizing Textarea listens to it for fonts that finish loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} } });
}

export function renderUi(ui: ReactElement): RenderResult {
  return render(
    <MantineProvider theme={theme} env="test">
      {ui}
    </MantineProvider>,
  );
}

/** For waitFor on what a database write shows: writes take longer while the whole suite runs in parallel. */
export const SLOW = { timeout: 5000 };
