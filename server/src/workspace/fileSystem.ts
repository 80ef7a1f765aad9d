/**
 * The file access the workspace loader needs, injected so the loader can be tested on an in-memory
 * tree and so the core itself never touches the disk.
 */
import * as fs from 'node:fs';

export interface FileReader {
  /** The file's text, or an Error describing why it could not be read. */
  readText(path: string): string | Error;
  exists(path: string): boolean;
}

export const nodeFileReader: FileReader = {
  readText(path) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  },
  exists: (path) => fs.existsSync(path),
};

/** The bundled catalogue, found relative to the running script (dist/) or the sources (server/src/…). */
export function findBundledCatalogue(startDirectory: string, reader: FileReader = nodeFileReader): string | undefined {
  let directory = startDirectory;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = `${directory}/catalogue/leo-i2se.leo-catalogue.json`;
    if (reader.exists(candidate)) return candidate;
    const parent = directory.replace(/[\\/][^\\/]*$/, '');
    if (parent === directory || parent === '') break;
    directory = parent;
  }
  return undefined;
}
