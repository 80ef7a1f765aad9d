/**
 * Lists the file names in a zip archive (a VSIX) by reading its central directory. Enough for
 * tests that check what a package contains, without a zip library.
 */
import * as fs from 'node:fs';

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
}

export function zipEntries(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  const endSignature = 0x06054b50;
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== endSignature) end--;
  if (end < 0) throw new Error(`${file} is not a zip archive`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i} in ${file}`);
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), compressedSize, size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
