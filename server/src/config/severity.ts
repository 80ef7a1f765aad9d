import { z } from 'zod';

/** A severity a user may choose for a diagnostic code; `off` silences it. */
export const SeveritySetting = z.enum(['error', 'warning', 'info', 'hint', 'off']);
export type SeveritySetting = z.infer<typeof SeveritySetting>;

/** Diagnostic codes look like `LEO102` or `SDC010`. */
export const DiagnosticCodePattern = /^(LEO|SDC)\d{3}$/;

export const SeverityOverrides = z.record(
  z.string().regex(DiagnosticCodePattern, 'expected a diagnostic code such as LEO102 or SDC010'),
  SeveritySetting,
);
