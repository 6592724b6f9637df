// What reads as the story's prose rather than a caption, a link list or a widget's label: one rule for the summary
// and quotes (read-story.ts) and for the reader view, which must not load the rest of the analysis to apply it.
import { words } from './segment';

// A sentence ends in a full stop, question or exclamation mark (in any script), an ellipsis, or a closing
// quotation mark or bracket after one of those.
const ENDS_LIKE_A_SENTENCE = /[.!?…。！？؟।]["'”’»」』)\]]*$/u;

/** A block of text that ends like a sentence or runs to a dozen words, and is not mostly links. */
export function readsAsProse(text: string, linkDensity: number, lang: string | null | undefined): boolean {
  return linkDensity < 0.5 && (ENDS_LIKE_A_SENTENCE.test(text) || words(text, lang).length >= 12);
}
