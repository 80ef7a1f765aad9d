/**
 * Whether a file a script writes is meant for an output request, shared by every front end: files in an
 * outputs folder are; files in a working-data folder are not; data formats (`.rds`, `.dta`, `.parquet`) are
 * working data unless they sit in an outputs folder; other files (tables, or paths that are not constant) are
 * taken to be outputs.
 */
import type { ResolvedDisclosureConfig } from '../disclosure/config';

export interface OutputPathOptions {
  /** File names that hold working data in this language. */
  readonly dataFormats: RegExp;
  /** True when the writing function always writes working data (`saveRDS`, Stata `save`), whatever the path. */
  readonly writesData: boolean;
}

export function isOutputPath(config: ResolvedDisclosureConfig, path: string | undefined, options: OutputPathOptions): boolean {
  const folders = path !== undefined ? path.toLowerCase().split(/[\\/]+/).slice(0, -1) : [];
  if (folders.some((f) => config.outputPaths.includes(f))) return true;
  if (folders.some((f) => config.intermediatePaths.includes(f))) return false;
  if (path !== undefined && options.dataFormats.test(path)) return false;
  if (options.writesData) return false;
  return true;
}
