// Every mark Lede puts on a web page, in one place: the code that makes each one names it from here, and
// clearLeftovers() takes away what an earlier copy of the content script left behind. Firefox replaces an updated
// add-on's content scripts in every open tab: the old copy's code stops, its marks stay (a page scrolled shut under
// a reader view whose buttons no longer answer), and the new copy starts on that page.

/** On each element declutter hides; one style rule (DECLUTTER_STYLE_ID) hides them. */
export const HIDDEN_ATTR = 'data-lede-hidden';
export const DECLUTTER_STYLE_ID = 'lede-declutter-style';
/** The CSS custom highlight of a quote shown on the page, and where that API is missing, an outline attribute. */
export const HIGHLIGHT_NAME = 'lede-quote';
export const OUTLINE_ATTR = 'data-lede-quote';
export const QUOTE_STYLE_ID = 'lede-quote-style';
/** The reader view's element over the page, and the style that keeps the page under it from scrolling. */
export const READER_HOST_TAG = 'lede-reader';
export const READER_LOCK_ID = 'lede-reader-lock';

/**
 * Takes away what an earlier copy of Lede left on the page, so the page is as its site made it before this copy
 * reads it. Four lookups the browser answers from its indexes on every page; anything more only where one finds a
 * mark. Returns whether there was anything.
 */
export function clearLeftovers(doc: Document): boolean {
  const styles = [DECLUTTER_STYLE_ID, QUOTE_STYLE_ID, READER_LOCK_ID].map((id) => doc.getElementById(id));
  const hosts = doc.getElementsByTagName(READER_HOST_TAG);
  if (hosts.length === 0 && styles.every((s) => s === null)) return false;
  for (const host of [...hosts]) host.remove();
  for (const style of styles) style?.remove();
  for (const attr of [HIDDEN_ATTR, OUTLINE_ATTR])
    for (const el of doc.querySelectorAll(`[${attr}]`)) el.removeAttribute(attr);
  (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights?.delete(HIGHLIGHT_NAME);
  return true;
}
