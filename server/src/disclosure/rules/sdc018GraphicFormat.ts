/**
 * SDC018: a graphic saved in a format that embeds the data behind it. Vector and interactive formats
 * (`.svg`, `.pdf`, `.html`, Stata `.gph`) carry every plotted value; output checkers want fixed images (R14).
 */
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC018';

export const sdc018: Rule = {
  info: {
    code: CODE,
    name: 'graphic-embeds-data',
    summary: 'A graphic is saved as .svg, .pdf, .gph, .html or another format that embeds the plotted data.',
    help: 'Save graphics as fixed images (.png or .jpeg).',
    defaultSeverity: 'warning',
    statbarn: 'none',
    rationale: 'Vector and interactive graphics embed the data (plotly HTML holds every point); UKDS asks for "fixed images (e.g. JPEG)" and ACRO blocks .svg and .gph (R14, P20).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const blocked = context.config.parameters.blockedGraphicExtensions.map((e) => e.toLowerCase());
    const hits: RuleHit[] = [];
    for (const output of context.model.outputs) {
      if (output.kind !== 'graphic-file' || output.target === undefined) continue;
      const extension = /\.[a-z0-9]+$/i.exec(output.target)?.[0]?.toLowerCase();
      if (extension === undefined || !blocked.includes(extension)) continue;
      const span = output.targetSpan ?? output.span;
      const fix = output.targetSpan !== undefined ? pngFix(context.text, output.targetSpan, extension) : undefined;
      hits.push({
        start: span.start,
        end: span.end,
        message: `${output.target} is saved as ${extension}, which embeds the plotted data. Save a fixed image (.png) instead. ${justifyHint(CODE)}`,
        ...(fix !== undefined ? { fixes: [fix] } : {}),
      });
    }
    return hits;
  },
};

function pngFix(text: string, span: { start: number; end: number }, extension: string) {
  const literal = text.slice(span.start, span.end);
  const at = literal.toLowerCase().lastIndexOf(extension);
  if (at < 0) return undefined;
  return {
    title: `Save as .png instead of ${extension}`,
    edits: [{ start: span.start + at, end: span.start + at + extension.length, newText: '.png' }],
    preferred: true,
  };
}
