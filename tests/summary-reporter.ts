// Prints one plain last line for CI and people: "N passed, N failed, N skipped".
// Vitest's own reporters never print such a line (notes/stack.md §6).
//
// Counted as failed, besides failed tests:
//  - a test file that failed as a whole without a failed test (import/collection error, beforeAll error),
//  - each unhandled error,
//  - an interrupted run,
//  - SUMMARY_EXTRA_FAILED (set by tests/run.sh, e.g. 1 when the typecheck failed).
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let failedInModule = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedInModule++;
        else skipped++;
      }
      if (failedInModule === 0 && (mod.errors().length > 0 || mod.state() === 'failed')) failedInModule = 1;
      failed += failedInModule;
    }
    failed += unhandledErrors.length;
    if (reason === 'interrupted' && failed === 0) failed = 1;
    const extra = Number.parseInt(process.env.SUMMARY_EXTRA_FAILED ?? '0', 10);
    if (Number.isFinite(extra) && extra > 0) failed += extra;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
