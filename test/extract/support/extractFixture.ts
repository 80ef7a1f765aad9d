/** A small extract over the real bundled catalogue, and an in-memory workspace to load it from. */
import * as path from 'node:path';
import { nodeFileReader, type FileReader } from '../../../server/src/workspace/fileSystem';
import { REPO_ROOT } from '../../support/paths';

export const EXTRACT = {
  formatVersion: 1,
  id: 'test-extract',
  extract: {
    tables: [
      {
        table: 'school-census',
        years: { from: 2015, to: 2019 },
        columns: [
          { name: 'PupilMatchingRefAnonymous_[term][yy]' },
          { name: 'FSMeligible_[term][yy]' },
          { name: 'EthnicGroupMinor_[term][yy]' },
          { name: 'Gender_[term][yy]', years: { from: 2018, to: 2019 } },
        ],
      },
      { table: 'leo-earnings', columns: 'all' },
      { table: 'link-ae-id-edukey', columns: 'all' },
    ],
  },
};

/** An in-memory workspace over the real bundled catalogue. */
export function memoryReader(files: Record<string, string>): FileReader {
  return {
    readText: (file) => (file in files ? files[file]! : file.startsWith(path.join(REPO_ROOT, 'catalogue')) ? nodeFileReader.readText(file) : new Error('ENOENT: no such file')),
    exists: (file) => file in files || nodeFileReader.exists(file),
  };
}

