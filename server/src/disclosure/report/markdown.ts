/**
 * The pre-submission report as markdown, one sentence per line where prose is written.
 */
import { buildReport, type ReportDocument, type ReportInput } from './document';

export function renderReportMarkdown(input: ReportInput): string {
  return markdownOf(buildReport(input));
}

export function markdownOf(doc: ReportDocument): string {
  const out: string[] = [];
  const t = doc.totals;
  out.push(`# ${doc.title}`, '');
  out.push(`Generated ${doc.generatedAt} by LEO Lens ${doc.toolVersion}.`);
  out.push(doc.catalogue !== undefined ? `Catalogue: ${doc.catalogue.name} (version ${doc.catalogue.version}).` : 'Catalogue: none loaded.');
  out.push(`Profile: \`${doc.profile}\`.`, '');
  out.push('## Summary', '');
  out.push(`- Files checked: ${t.files}`);
  out.push(`- Findings: ${t.findings} (${t.errors} errors, ${t.warnings} warnings)`);
  out.push(`- Allowances with a reason: ${t.allowances - t.missingReasons}; without a reason: ${t.missingReasons}`, '');
  out.push('## Parameters', '', '| Parameter | Value |', '| --- | --- |');
  for (const p of doc.parameters) out.push(`| ${cell(p.name)} | ${cell(p.value)} |`);
  out.push('', '## Files checked', '', '| File | Language | SHA-256 | Findings | Allowances |', '| --- | --- | --- | --- | --- |');
  for (const f of doc.files) out.push(`| ${cell(f.path)} | ${f.language ?? ''} | \`${f.sha256}\` | ${f.skipped ? `skipped: ${cell(f.skipped)}` : f.findings.length} | ${f.allowances.length} |`);
  out.push('', '## Findings', '');
  const withFindings = doc.files.filter((f) => f.findings.length > 0);
  if (withFindings.length === 0) out.push('No findings.');
  for (const f of withFindings) {
    out.push(`### ${f.path}`, '');
    for (const x of f.findings) {
      out.push(`- **${x.code}** (${x.severity}) at line ${x.line}, column ${x.column}: ${x.message}`);
      if (x.help !== undefined) out.push(`  - Fix: ${x.help}${x.fixes.length > 0 ? ` Quick fixes: ${x.fixes.join('; ')}.` : ''} See [${x.code}](${doc.docsBase}/${x.code}.md).`);
    }
    out.push('');
  }
  out.push('## Allowances and their reasons', '');
  const withAllowances = doc.files.filter((f) => f.allowances.length > 0);
  if (withAllowances.length === 0) out.push('No allowances.');
  else {
    out.push('| File | Line | Scope | Rules | Reason | Findings allowed |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of withAllowances) {
      for (const a of f.allowances) {
        const reason = a.reason !== undefined ? cell(a.reason) : '**missing: give a reason**';
        const silenced = a.silenced.map((s) => `${s.code} at line ${s.line}`).join(', ') || 'none';
        out.push(`| ${cell(f.path)} | ${a.line} | ${a.scope} | ${a.codes.join(', ')} | ${reason} | ${silenced} |`);
      }
    }
  }
  out.push('', '## Rules checked', '', '| | Rule | Name | Statbarn | Result |', '| --- | --- | --- | --- | --- |');
  for (const r of doc.checklist) {
    const box = r.state === 'clear' ? '[x]' : r.state === 'allowed' ? '[x]' : r.state === 'off' ? '[ ]' : '[ ]';
    const result = r.state === 'off' ? 'turned off by the project' : r.state === 'clear' ? 'no findings' : r.state === 'allowed' ? `allowed (${r.allowed}), with reasons above` : `${r.findings} finding${r.findings === 1 ? '' : 's'}${r.allowed > 0 ? `, ${r.allowed} allowed` : ''}`;
    out.push(`| ${box} | [${r.code}](${doc.docsBase}/${r.code}.md) | ${r.name} | ${r.statbarn} | ${result} |`);
  }
  out.push('', 'LEO Lens checks code statically and its warnings are advisory: output checkers make the decision.', '');
  return out.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
