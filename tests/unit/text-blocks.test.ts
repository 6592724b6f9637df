// The story's text as the summary and quotes read it: Readability's kept content cut into blocks in reading order,
// each with what kind of block it is and how much of it is link text. Script, style and noscript text is not the
// story, in HTML or in an inline SVG.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { textBlocks } from '../../utils/analysis/extract';

const content = (html: string) => parseHtml(`<!doctype html><html><body><div id="story">${html}</div></body></html>`).getElementById('story')!;

describe('textBlocks', () => {
  it('gives each block its text, squashed, in reading order, with its kind', () => {
    const blocks = textBlocks(
      content(`
        <h2>Talks   resume</h2>
        <p>The talks <em>resumed</em> on Monday.</p>
        <figure><img src="a.jpg"><figcaption>Delegates arrive.</figcaption></figure>
        <blockquote><p>We are ready.</p></blockquote>
        <ul><li>First point</li><li>Second <b>point</b></li></ul>
        <table><tr><td>Cell</td></tr></table>
        <pre>code  kept</pre>`),
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Talks resume'],
      ['paragraph', 'The talks resumed on Monday.'],
      ['caption', 'Delegates arrive.'],
      ['quote', 'We are ready.'],
      ['list-item', 'First point'],
      ['list-item', 'Second point'],
      ['table', 'Cell'],
      ['code', 'code kept'],
    ]);
  });

  it('splits a block’s text around a block inside it, keeping the order the reader sees', () => {
    const blocks = textBlocks(content('<div>Before the list <p>inside</p> after the list</div>'));
    expect(blocks.map((b) => b.text)).toEqual(['Before the list', 'inside', 'after the list']);
  });

  it('measures the share of link text, links in SVG too', () => {
    const [teaser, prose, drawing] = textBlocks(
      content(`
        <p><a href="/a">Read more about it</a></p>
        <p>Half of this <a href="/b">is a link</a></p>
        <div><svg><a href="/c"><text>svg link</text></a></svg></div>`),
    );
    expect(teaser.linkDensity).toBe(1);
    expect(prose.linkDensity).toBeCloseTo('is a link'.length / 'Half of this is a link'.length, 5);
    expect(drawing.linkDensity).toBe(1);
  });

  it('leaves out script, style, noscript and template text, an SVG style too', () => {
    const blocks = textBlocks(
      content(`
        <p>Story <script>var x = 1;</script>text<style>p { color: red }</style></p>
        <noscript><p>Enable JavaScript</p></noscript>
        <template><p>Template</p></template>
        <p>Chart <svg><style>.a { fill: red }</style><text>label</text></svg></p>`),
    );
    expect(blocks.map((b) => b.text)).toEqual(['Story text', 'Chart label']);
  });

  it('gives nothing for content with no text', () => {
    expect(textBlocks(content('<p>  </p><img src="a.jpg">'))).toEqual([]);
  });
});
