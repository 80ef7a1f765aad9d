/**
 * The runtime entry point of the catalogue: everything in api.ts plus the functions that load,
 * query and describe catalogues. Server and CLI adapters import from here; they read the files.
 */
export * from './api';
export { describeRisk, describeSensitivity } from './scales';
export { loadCatalogue } from './load';
export { CatalogueStore, type CatalogueStoreUpdate } from './store';
export { explain, formatExplainText } from './explain';
export { catalogueStats } from './stats';
export { validateCatalogueText } from './validate';
export { academicYear, isCertainGap, spanText } from './coverage';
export { splitQualifiedName } from './queryName';

/** Where the bundled catalogue lives, relative to the extension (and repository) root. */
export const BUNDLED_CATALOGUE_PATH = 'catalogue/leo-i2se.leo-catalogue.json';
