import type { DataflowModel } from '../dataflow/model';
import type { Finding } from '../model/findings';
import type { CoverageNotes } from './coverageNotes';

export function populationFindings(_model: () => DataflowModel, _text: string, _notes: CoverageNotes | undefined): Finding[] {
  return [];
}
