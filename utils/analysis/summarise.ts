// Extractive summary: sentences of the story as written, in story order.
// (First version: the summary issue replaces the ranking.)
import { sentences } from './segment';

export interface SummaryInput {
  title: string | null;
  /** The publisher's dek or description, when it is not a copy of a body sentence. */
  description?: string | null;
  paragraphs: string[];
  lang: string | null;
}

export function summarise(input: SummaryInput, count = 3): string[] {
  const all = input.paragraphs.flatMap((p) => sentences(p, input.lang));
  return all.slice(0, count);
}
