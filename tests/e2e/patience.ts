/**
 * Imported first by every browser test: a page can take seconds to show an update when the 2-core machine is busy
 * (other test files run beside it), so expect.poll waits up to 15 s instead of Vitest's 1 s, and a test may take
 * 90 s (a browser start, a build, an import and the steps of an officer's task).
 */
import { vi } from 'vitest';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000, expect: { poll: { timeout: 15_000, interval: 50 } } });
