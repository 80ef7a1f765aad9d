/**
 * SARIF 2.1.0 output, for code-scanning dashboards and output-checking tools. Every code that
 * appears is described as a rule with its help text; a test validates the result against the
 * SARIF schema.
 */
import type * as Sarif from 'sarif';
import { DIAGNOSTIC_CODES, diagnosticCodeInfo } from '../../model/diagnosticCodes';
import type { Severity } from '../../model/findings';
import { VERSION } from '../../version';
import type { LintResult } from '../lint';

export function formatSarif(result: LintResult, toUri: (file: string) => string): string {
  const used = new Set(result.files.flatMap((file) => file.diagnostics.map((d) => d.code)));
  // Known codes are always listed, so consumers see the full rule set; unknown ones are added as they appear.
  const codes = [...new Set([...DIAGNOSTIC_CODES.map((info) => info.code), ...used])];
  const rules: Sarif.ReportingDescriptor[] = codes.map((code) => {
    const info = diagnosticCodeInfo(code);
    return {
      id: code,
      ...(info ? { name: info.name } : {}),
      shortDescription: { text: info?.summary ?? code },
      fullDescription: { text: info?.summary ?? code },
      help: { text: info?.help ?? 'See the LEO Lens documentation for this code.' },
      defaultConfiguration: { level: toLevel(info?.defaultSeverity ?? 'warning') },
    };
  });
  const ruleIndex = new Map(codes.map((code, index) => [code, index]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'leo-lens', version: VERSION, rules } },
        artifacts: result.files.map((file) => ({ location: { uri: toUri(file.path) } })),
        results: result.files.flatMap((file, artifactIndex) =>
          file.diagnostics.map((d): Sarif.Result => ({
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code)!,
            level: toLevel(d.severity),
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(file.path), index: artifactIndex },
                  region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                },
              },
            ],
          })),
        ),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.files
              .filter((file) => file.skipped)
              .map((file) => ({
                level: 'note' as const,
                message: { text: file.skipped! },
                locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file.path) } } }],
              })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
