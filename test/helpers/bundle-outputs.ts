import type { Metafile } from 'esbuild';

/** Output files loaded with `roots`: their static imports, transitively (dynamic imports load later, if ever). */
export function staticClosure(outputs: Metafile['outputs'], roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  roots.forEach(visit);
  return [...seen];
}

/** The bundle's entry file, `<outdir>/index.mjs`. */
export const indexOf = (outputs: Metafile['outputs']): string => Object.keys(outputs).find((file) => file.endsWith('/index.mjs'))!;

/** The output files holding a module whose path ends with `input` (the runtime wiring's chunk, say). */
export const chunksHolding = (outputs: Metafile['outputs'], input: string): string[] =>
  Object.keys(outputs).filter((file) => file.endsWith('.mjs') && Object.keys(outputs[file]!.inputs).some((i) => i.endsWith(input)));
