/** The page a narrative check is about: its key is `narrative:<part>.<section>.<paragraph>:…`. */
export function pageOfNarrativeKey(key: string): { page: string; paragraph: string } | undefined {
  const m = /^narrative:(([^.:]+)\.[^:]+):/.exec(key);
  return m ? { page: m[2]!, paragraph: m[1]! } : undefined;
}
