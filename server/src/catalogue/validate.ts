import type { CatalogueProblem } from './api';

/** Validates one catalogue file's text; an empty list means it is valid. */
export function validateCatalogueText(_path: string, _text: string): readonly CatalogueProblem[] {
  return [];
}
