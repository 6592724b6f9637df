// The options page's input rules, and open pages following a settings change without a reload.
import { describe, expect, it } from 'vitest';
import { clampSetting, KEY_QUOTES_RANGE, parseSite } from '../../entrypoints/options/fields';
import { followDeclutterSettings } from '../../utils/browser/follow-settings';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, siteKey, updateSettings, type Settings } from '../../utils/storage/settings';

describe('site typed into the options page', () => {
  it('takes a bare name or any address on the site, as the key site rules use', () => {
    expect(parseSite('example.com', siteKey)).toBe('example.com');
    expect(parseSite('  www.BBC.co.uk ', siteKey)).toBe('bbc.co.uk');
    expect(parseSite('https://www.nytimes.com/2024/06/20/world/story.html?smid=x', siteKey)).toBe('nytimes.com');
    expect(parseSite('http://127.0.0.1:8080/page', siteKey)).toBe('127.0.0.1');
    expect(parseSite('localhost', siteKey)).toBe('localhost');
    // The same key the page's own address gives (browsers show the page's host in punycode too).
    expect(parseSite('київ.укр', siteKey)).toBe(siteKey('https://київ.укр/news/1'));
  });

  it('refuses what is not a web site', () => {
    for (const bad of ['', '   ', 'not a site', 'news', 'javascript:alert(1)', 'ftp://example.com', 'file:///etc/passwd', 'https://']) {
      expect(parseSite(bad, siteKey), bad).toBeNull();
    }
  });
});

describe('number typed into the options page', () => {
  it('keeps it in range and says when it did not take it as typed', () => {
    expect(clampSetting('4', KEY_QUOTES_RANGE, 3)).toEqual({ value: 4, adjusted: false });
    expect(clampSetting('40', KEY_QUOTES_RANGE, 3)).toEqual({ value: 10, adjusted: true });
    expect(clampSetting('-2', KEY_QUOTES_RANGE, 3)).toEqual({ value: 0, adjusted: true });
    expect(clampSetting('2.6', KEY_QUOTES_RANGE, 3)).toEqual({ value: 3, adjusted: true });
    expect(clampSetting('', KEY_QUOTES_RANGE, 3)).toEqual({ value: 3, adjusted: true });
    expect(clampSetting('many', KEY_QUOTES_RANGE, 3)).toEqual({ value: 3, adjusted: true });
  });
});

describe('an open page follows the declutter settings', () => {
  const URL_ = 'https://www.example.com/news/1';
  function follow(initial: Settings) {
    let listener: ((next: Settings) => void) | null = null;
    const calls: boolean[] = [];
    const watch = ((cb: (next: Settings) => void) => {
      listener = cb;
      return () => (listener = null);
    }) as never;
    followDeclutterSettings(URL_, initial, async (on) => calls.push(on), watch);
    return { change: (next: Partial<Settings>) => listener!({ ...initial, ...next }), calls };
  }

  it('turns declutter off and on when a site rule or the general setting turns the decision around', () => {
    const { change, calls } = follow(DEFAULT_SETTINGS);
    change({ siteRules: { 'example.com': 'never' } });
    change({ siteRules: {} });
    change({ autoDeclutter: false });
    change({ autoDeclutter: false, siteRules: { 'example.com': 'always' } });
    expect(calls).toEqual([false, true, false, true]);
  });

  it('leaves the page as the reader set it when the change does not concern it', () => {
    const { change, calls } = follow(DEFAULT_SETTINGS);
    change({ theme: 'dark' });
    change({ keyQuotes: 5 });
    change({ siteRules: { 'other.org': 'never' } });
    expect(calls).toEqual([]);
  });
});

describe('updateSettings', () => {
  it('keeps both of two changes made at once', async () => {
    fakeBrowser.reset();
    await Promise.all([updateSettings({ summaryLength: 'long' }), updateSettings({ autoDeclutter: false })]);
    const s = await getSettings();
    expect(s.summaryLength).toBe('long');
    expect(s.autoDeclutter).toBe(false);
  });
});
