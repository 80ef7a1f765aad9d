/**
 * The R extractor (placeholder until the tree walk lands).
 */
import type { CatalogueIndex } from '../../catalogue/api';
import { createBuilder, finishModel } from '../builder';
import type { ResolvedDisclosureConfig } from '../config';
import type { DisclosureModel } from '../model';

/** A tree-sitter R syntax node, as web-tree-sitter exposes it (only what the extractor reads). */
export interface RSyntaxNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly children: readonly (RSyntaxNode | null)[];
}

export interface RTreeInput {
  readonly rootNode: RSyntaxNode;
}

export function extractR(_text: string, _tree: RTreeInput, _catalogue: CatalogueIndex | undefined, _config: ResolvedDisclosureConfig): DisclosureModel {
  return finishModel(createBuilder('r', '#'));
}
