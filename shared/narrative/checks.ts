/**
 * The narrative's 提示 checks next to the engine's: one list for the checks panel, the engine's failures first in
 * their order (table, rule, place), then the narrative's by rule id, in document order within a rule.
 */
import type { Failure } from '../engine/checks';
import { type CheckSummary, compareRuleIds } from '../engine/engine';
import type { NarrativeDoc } from './document';

export function withNarrativeFailures(engineFailures: readonly Failure[], doc: NarrativeDoc): Failure[] {
  const narrative = [...doc.failures].sort((a, b) => compareRuleIds(a.ruleId, b.ruleId));
  return [...engineFailures, ...narrative];
}

/** The engine's summary counting the narrative's failures too (all of them 提示). */
export function withNarrativeSummary(summary: CheckSummary, doc: NarrativeDoc): CheckSummary {
  return { 强制: summary.强制, 提示: summary.提示 + doc.failures.length };
}
