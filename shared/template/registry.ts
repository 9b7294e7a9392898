/**
 * The template sets shipped with the app (the JSON under templates/). Adding a set is adding its files and one line
 * here; nothing else in the code knows a particular set.
 */
import deptEconomic2023 from '../../templates/catalogues/dept-economic-2023.json';
import deptEconomic2024 from '../../templates/catalogues/dept-economic-2024.json';
import econMapping2024 from '../../templates/catalogues/econ-mapping-2024.json';
import functional2024 from '../../templates/catalogues/functional-2024.json';
import functionalClasses2024 from '../../templates/catalogues/functional-classes-2024.json';
import functionalClassesFinal2023 from '../../templates/catalogues/functional-classes-final-2023.json';
import govEconomic2024 from '../../templates/catalogues/gov-economic-2024.json';
import guizhouNarrative2024 from '../../templates/guizhou-budget-2024/narrative.json';
import guizhouBudget2024 from '../../templates/guizhou-budget-2024/template.json';
import guizhouFinalNarrative2023 from '../../templates/guizhou-final-2023/narrative.json';
import guizhouFinal2023 from '../../templates/guizhou-final-2023/template.json';
import { type CatalogueFiles, loadTemplate } from './load';
import type { Template } from './schema';

const CATALOGUE_FILES: CatalogueFiles = {
  'functional-2024': functional2024,
  'functional-classes-2024': functionalClasses2024,
  'dept-economic-2024': deptEconomic2024,
  'gov-economic-2024': govEconomic2024,
  'econ-mapping-2024': econMapping2024,
  'functional-classes-final-2023': functionalClassesFinal2023,
  'dept-economic-2023': deptEconomic2023,
};

const TEMPLATE_FILES: readonly unknown[] = [guizhouBudget2024, guizhouFinal2023];

/** The narrative (说明) file of each set, naming its template; shared/narrative validates it against the template. */
const NARRATIVE_FILES: readonly unknown[] = [guizhouNarrative2024, guizhouFinalNarrative2023];

/** The narrative file of a set, as stored (not yet validated), or undefined when the set has none. */
export function narrativeFileOf(id: string, version: number): unknown {
  return NARRATIVE_FILES.find((f) => {
    const t = (f as { template?: { id?: string; version?: number } }).template;
    return t?.id === id && t.version === version;
  });
}

/** The part ids of a stored narrative file: what the template's document may place (its loader checks the rest). */
function narrativePartIds(raw: unknown): string[] {
  const parts = (raw as { parts?: unknown } | undefined)?.parts;
  return Array.isArray(parts) ? parts.flatMap((p: { id?: unknown }) => (typeof p?.id === 'string' ? [p.id] : [])) : [];
}

const loaded = new Map<string, Template>();

function key(id: string, version: number): string {
  return `${id}@${version}`;
}

/** Every shipped template, validated (a broken one throws with its problems listed). */
export function allTemplates(): Template[] {
  return TEMPLATE_FILES.map((raw) => {
    const r = raw as { id: string; version: number };
    const k = key(r.id, r.version);
    let t = loaded.get(k);
    if (!t) {
      t = loadTemplate(raw, CATALOGUE_FILES, narrativePartIds(narrativeFileOf(r.id, r.version)));
      loaded.set(k, t);
    }
    return t;
  });
}

export function findTemplate(id: string, version: number): Template | undefined {
  return allTemplates().find((t) => t.id === id && t.version === version);
}
