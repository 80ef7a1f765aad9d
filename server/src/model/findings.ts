/**
 * Findings are the language-neutral form of a diagnostic inside the pure core.
 * They work in document offsets; the LSP server and the CLI convert them to positions at the edge.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One text replacement, in offsets of the analysed document. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A mechanical fix that the editor can offer as a quick fix. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True when this is the one fix a user almost always wants. */
  readonly preferred?: boolean;
}

export interface Finding {
  /** A stable code such as `LEO102` or `SDC010`; codes are a contract with users. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fixes?: readonly Fix[];
}

/** Applies per-code severity overrides: `off` drops a finding, any other value replaces its severity. */
export function applySeverityOverrides(
  findings: readonly Finding[],
  overrides: Readonly<Record<string, Severity | 'off'>>,
): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const override = overrides[finding.code];
    if (override === 'off') continue;
    result.push(override && override !== finding.severity ? { ...finding, severity: override } : finding);
  }
  return result;
}
