/**
 * The pre-submission report as a self-contained HTML page (no scripts, no external resources).
 */
import { buildReport, type ReportDocument, type ReportInput } from './document';

export function renderReportHtml(input: ReportInput): string {
  return htmlOf(buildReport(input));
}

export function htmlOf(doc: ReportDocument): string {
  const t = doc.totals;
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${esc(doc.title)}</title>`, `<style>${STYLE}</style>`, '</head>', '<body>');
  parts.push(`<h1>${esc(doc.title)}</h1>`);
  parts.push(`<p>Generated ${esc(doc.generatedAt)} by LEO Lens ${esc(doc.toolVersion)}.<br>`
    + `${doc.catalogue !== undefined ? `Catalogue: ${esc(doc.catalogue.name)} (version ${esc(doc.catalogue.version)}).` : 'Catalogue: none loaded.'}<br>`
    + `Profile: <code>${esc(doc.profile)}</code>.</p>`);
  parts.push('<h2>Summary</h2>', '<ul>',
    `<li>Files checked: ${t.files}</li>`,
    `<li>Findings: ${t.findings} (${t.errors} errors, ${t.warnings} warnings)</li>`,
    `<li>Allowances with a reason: ${t.allowances - t.missingReasons}; without a reason: ${t.missingReasons}</li>`, '</ul>');
  parts.push('<h2>Parameters</h2>', table(['Parameter', 'Value'], doc.parameters.map((p) => [esc(p.name), esc(p.value)])));
  parts.push('<h2>Files checked</h2>', table(['File', 'Language', 'SHA-256', 'Findings', 'Allowances'], doc.files.map((f) => [
    esc(f.path), esc(f.language ?? ''), `<code>${f.sha256}</code>`, f.skipped ? `skipped: ${esc(f.skipped)}` : String(f.findings.length), String(f.allowances.length),
  ])));
  parts.push('<h2>Findings</h2>');
  const withFindings = doc.files.filter((f) => f.findings.length > 0);
  if (withFindings.length === 0) parts.push('<p>No findings.</p>');
  for (const f of withFindings) {
    parts.push(`<h3>${esc(f.path)}</h3>`, '<ul>');
    for (const x of f.findings) {
      const fix = x.help !== undefined ? `<br><span class="fix">Fix: ${esc(x.help)}${x.fixes.length > 0 ? ` Quick fixes: ${esc(x.fixes.join('; '))}.` : ''}</span>` : '';
      parts.push(`<li class="${x.severity}"><a href="${esc(`${doc.docsBase}/${x.code}.md`)}"><strong>${x.code}</strong></a> (${x.severity}) at line ${x.line}, column ${x.column}: ${esc(x.message)}${fix}</li>`);
    }
    parts.push('</ul>');
  }
  parts.push('<h2>Allowances and their reasons</h2>');
  const rows = doc.files.flatMap((f) => f.allowances.map((a) => [
    esc(f.path), String(a.line), a.scope, esc(a.codes.join(', ')),
    a.reason !== undefined ? esc(a.reason) : '<strong class="missing">missing: give a reason</strong>',
    esc(a.silenced.map((s) => `${s.code} at line ${s.line}`).join(', ') || 'none'),
  ]));
  parts.push(rows.length === 0 ? '<p>No allowances.</p>' : table(['File', 'Line', 'Scope', 'Rules', 'Reason', 'Findings allowed'], rows));
  parts.push('<h2>Rules checked</h2>', table(['', 'Rule', 'Name', 'Statbarn', 'Result'], doc.checklist.map((r) => [
    r.state === 'clear' || r.state === 'allowed' ? '&#9745;' : '&#9744;',
    `<a href="${esc(`${doc.docsBase}/${r.code}.md`)}">${r.code}</a>`,
    esc(r.name),
    esc(r.statbarn),
    r.state === 'off' ? 'turned off by the project' : r.state === 'clear' ? 'no findings' : r.state === 'allowed' ? `allowed (${r.allowed}), with reasons above` : `${r.findings} finding${r.findings === 1 ? '' : 's'}`,
  ])));
  parts.push('<p>LEO Lens checks code statically and its warnings are advisory: output checkers make the decision.</p>', '</body>', '</html>', '');
  return parts.join('\n');
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.45}'
  + 'table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}'
  + 'code{font-size:.85em;word-break:break-all}li{margin:.4em 0}.error strong{color:#b00}.warning strong{color:#a60}.fix{color:#444}.missing{color:#b00}';
