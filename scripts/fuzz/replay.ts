/**
 * Replays a saved failure in a fresh worker, and optionally shrinks it to a small input that still
 * fails with the same signature, saved beside it as `<id>.shrunk.<ext>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { failuresOf } from './classify';
import { EXTENSION_OF } from './corpus';
import type { FuzzInput } from './inputs';
import type { AnalyserSpec } from './protocol';
import type { FailureRecord } from './report';
import { shrink } from './shrink';
import { WorkerHost } from './workerHost';

export interface ReplayOptions {
  readonly timeLimitMs: number;
  readonly analyser: AnalyserSpec;
  readonly shrinkSeconds?: number;
  readonly log: (line: string) => void;
}

export interface ReplayResult {
  /** True when the saved failure happened again. */
  readonly reproduced: boolean;
  readonly shrunkFile?: string;
  readonly shrunkText?: string;
}

function inputOf(record: FailureRecord, text: string): FuzzInput {
  return { id: record.id, seed: record.seed, index: record.index, language: record.language, text, inputSeed: record.inputSeed, recipe: record.recipe };
}

export async function replay(recordFile: string, options: ReplayOptions): Promise<ReplayResult> {
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as FailureRecord;
  const text = readFileSync(path.join(path.dirname(recordFile), record.inputFile), 'utf8');
  const host = new WorkerHost({ analyser: options.analyser, timeLimitMs: options.timeLimitMs });
  const failsTheSameWay = async (candidate: string): Promise<boolean> => {
    const result = await host.run({ text: candidate, language: record.language, inputSeed: record.inputSeed });
    return failuresOf(inputOf(record, candidate), result).some((failure) => failure.signature === record.signature);
  };
  try {
    const result = await host.run({ text, language: record.language, inputSeed: record.inputSeed });
    const failures = failuresOf(inputOf(record, text), result);
    for (const failure of failures) options.log(`${failure.kind} in ${failure.step}: ${failure.stack ?? failure.message}`);
    if (failures.length === 0) options.log(`no failure (${Math.round(result.milliseconds)} ms)`);
    const reproduced = failures.some((failure) => failure.signature === record.signature);
    options.log(reproduced ? `reproduced: ${record.signature}` : `not reproduced: ${record.signature}`);
    if (!reproduced || options.shrinkSeconds === undefined) return { reproduced };
    const shrunkText = await shrink(text, failsTheSameWay, options.shrinkSeconds * 1000);
    const shrunkFile = path.join(path.dirname(recordFile), `${record.id}.shrunk.${EXTENSION_OF[record.language]}`);
    writeFileSync(shrunkFile, shrunkText, 'utf8');
    options.log(`shrunk from ${text.length} to ${shrunkText.length} characters: ${shrunkFile}`);
    if (shrunkText.length <= 400) options.log(`shrunk input: ${JSON.stringify(shrunkText)}`);
    return { reproduced, shrunkFile, shrunkText };
  } finally {
    await host.close();
  }
}
