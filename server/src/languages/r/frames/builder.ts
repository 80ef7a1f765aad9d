/**
 * Collects the frame model while the extractor walks the script: frames, steps, column references,
 * variable bindings, and the places where column completion applies.
 */
import type {
  Binding, ColumnReference, Frame, FrameClass, FrameColumn, FrameModel, Grain, ReferenceRole, Span, Step, TextSpan,
} from './model';

/** Where completion offers a frame's columns, and how the names are written there. */
export interface CompletionSite {
  readonly start: number;
  readonly end: number;
  readonly frame: Frame;
  /** `names`: bare R names (backticked when needed). `strings`: inside a string literal. */
  readonly form: 'names' | 'strings';
}

/** The parts of a new frame; ids and the step link are filled in by the builder. */
export interface FrameSpec {
  readonly name?: string;
  readonly frameClass: FrameClass;
  readonly columns: readonly FrameColumn[];
  readonly certainty: 'exact' | 'open';
  readonly groups: readonly string[];
  readonly grain: Grain;
  readonly span: Span;
}

type StepSpec = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'result'> : never) : never;

export class ModelBuilder {
  readonly frames: Frame[] = [];
  readonly steps: Step[] = [];
  readonly references: ColumnReference[] = [];
  readonly bindings: Binding[] = [];
  readonly sites: CompletionSite[] = [];

  /** Records a step that makes a new frame and returns the frame. */
  addFrameStep(step: StepSpec, frame: FrameSpec): Frame {
    const stepId = this.steps.length;
    // Fields are copied one by one rather than spread: this runs for every step of every script.
    const made: Frame = {
      id: this.frames.length,
      frameClass: frame.frameClass,
      columns: frame.columns,
      certainty: frame.certainty,
      groups: frame.groups,
      grain: frame.grain,
      step: stepId,
      span: frame.span,
    };
    this.frames.push(made);
    // Step specs are fresh object literals from the handlers, so they are completed in place.
    const complete = step as { id?: number; result?: number };
    complete.id = stepId;
    complete.result = made.id;
    this.steps.push(step as unknown as Step);
    return made;
  }

  /** Records a step that makes no frame (an output, say). */
  addStep(step: StepSpec): Step {
    (step as { id?: number }).id = this.steps.length;
    this.steps.push(step as unknown as Step);
    return step as unknown as Step;
  }

  /** Records a column use and resolves it on the frame. `strict` uses are real column names (strings, `$`). */
  reference(frame: Frame, name: string, span: Span, role: ReferenceRole, strict: boolean): ColumnReference {
    const column = findColumn(frame, name);
    const status = column ? 'resolved' : strict && frame.certainty === 'exact' ? 'missing' : 'unchecked';
    const reference: ColumnReference = { start: span.start, end: span.end, name, frame: frame.id, role, column, status };
    this.references.push(reference);
    return reference;
  }

  /** Records a use that is already resolved (a column made earlier in the same call). */
  resolvedReference(frame: Frame, name: string, span: Span, role: ReferenceRole, column: FrameColumn): ColumnReference {
    const reference: ColumnReference = { start: span.start, end: span.end, name, frame: frame.id, role, column, status: 'resolved' };
    this.references.push(reference);
    return reference;
  }

  bind(binding: Binding): void {
    this.bindings.push(binding);
  }

  site(site: CompletionSite): void {
    if (site.end >= site.start) this.sites.push(site);
  }

  /** The model so far; comments and strings come from the syntax tree, so the analysis adds them. */
  model(texts: readonly TextSpan[] = []): FrameModel {
    return { frames: this.frames, steps: this.steps, references: this.references, bindings: this.bindings, texts };
  }
}

/**
 * The frame's column of that name. R names are case-sensitive, but names that come back from the
 * database keep whatever case the server gives them, so those also match without regard to case.
 */
export function findColumn(frame: Frame, name: string): FrameColumn | undefined {
  for (const column of frame.columns) if (column.name === name) return column;
  const lower = name.toLowerCase();
  for (const column of frame.columns) if (!column.exactCase && column.name.toLowerCase() === lower) return column;
  return undefined;
}
