// Turning saved HTML into a Document in Node, the same way for the CLI, the evaluation and the unit tests.
import { JSDOM, VirtualConsole } from 'jsdom';

const quiet = new VirtualConsole(); // pages' broken CSS and scripts are not our errors to print

export function parseHtml(html: string, url = 'https://example.invalid/'): Document {
  return new JSDOM(html, { url, virtualConsole: quiet }).window.document;
}
