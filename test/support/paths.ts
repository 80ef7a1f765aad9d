import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const DIST_CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const DIST_SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
