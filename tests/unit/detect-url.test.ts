import { describe, expect, it } from 'vitest';
import { urlShape } from '../../utils/analysis/detect-url';

const shape = (url: string) => urlShape(url).shape;

describe('urlShape', () => {
  it('has no opinion on addresses that are not http(s)', () => {
    expect(shape('about:blank')).toBe('unknown');
    expect(shape('file:///home/me/page.html')).toBe('unknown');
    expect(shape('not a url')).toBe('unknown');
  });

  it('knows a home page, with or without a language folder', () => {
    expect(shape('https://www.theverge.com/')).toBe('home');
    expect(shape('https://www.deezer.com/es/')).toBe('home');
    expect(shape('https://example.org/index.html')).toBe('home');
    expect(shape('https://example.org/?utm_source=x')).toBe('home');
  });

  it('knows listing, product, people, discussion and site pages by a folder word', () => {
    expect(shape('https://example.com/search?q=climate')).toBe('section');
    expect(shape('https://example.com/tag/politics/')).toBe('section');
    expect(shape('https://example.com/category/world/')).toBe('section');
    expect(shape('https://example.com/user/jane')).toBe('section');
    expect(shape('https://uniqz.de/produkte/katzendecke-zweilagig-mit-namen-und-main-coon/')).toBe('section');
    expect(shape('https://foren.myoos.de/viewtopic.php?f=4&t=167')).toBe('section');
    expect(shape('https://www.katzen-forum.net/threads/jede-nacht-verliert-pepe-soviel-dreck.230143/')).toBe('section');
    expect(shape('https://2gewinnt.wordpress.com/uber-uns/')).toBe('section');
    expect(shape('https://www.markeich.de/kontakt/impressum-werbeagentur-soltau/')).toBe('section');
    expect(shape('https://example.com/?s=election')).toBe('section');
  });

  it('knows a story by a date, a slug of words, or a story folder', () => {
    expect(shape('https://nypost.com/2019/11/19/three-taliban-prisoners-flown-to-qatar/')).toBe('date');
    expect(shape('https://www.domradio.de/themen/laien/2021-11-19/reformstau-loesen')).toBe('date');
    expect(shape('https://www.yomiuri.co.jp/sports/soccer/20190411-OYT1T50287/')).toBe('date');
    expect(shape('https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html')).toBe('date');
    expect(shape('http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html')).toBe('date');
    expect(shape('https://www.businessinsider.com/how-to-retire-early-steps-for-early-retirement')).toBe('slug');
    expect(shape('https://www.lemonde.fr/economie/article/2019/05/07/dans-ses-previsions')).toBe('date');
    expect(shape('https://news.mynavi.jp/article/775563/')).toBe('story-path');
    expect(shape('https://www.minuto30.com/policia/1331134/')).toBe('id');
  });

  it('does not read words into hashes and ids', () => {
    expect(shape('https://bookwalker.jp/de2b8f78c6-f6bb-4da9-8d15-202e8c6c185b/')).not.toBe('slug');
  });

  it('judges the page inside an archive or proxy address', () => {
    expect(shape('https://web.archive.org/web/20160401095740/http://www.welpenkaufen24.de/')).toBe('home');
    expect(shape('https://web.archive.org/web/20160820205919/http://www.medialepfade.de/2016/01/medienpaedagogin-in-muenchen-gesucht/')).toBe('date');
  });

  it('says which part decided', () => {
    expect(urlShape('https://example.com/tag/politics/').evidence).toBe('tag');
    expect(urlShape('https://example.com/2019/11/18/x').evidence).toBe('/2019/11/');
  });
});
