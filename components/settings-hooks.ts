// The reader's settings in a Preact page: read once, then kept current (a change in the options page or another
// window shows at once), and the chosen theme applied to the page.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, getSettings, settingsItem, type Settings, type Theme } from '@/utils/storage/settings';

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void getSettings().then((s) => live && setSettings(s));
    const unwatch = settingsItem().watch((next) => setSettings({ ...DEFAULT_SETTINGS, ...next }));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}

/** Sets html[data-theme] (see components/theme.css); "system" follows the browser's light or dark scheme. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function useTheme(settings: Settings | null): void {
  useEffect(() => {
    if (settings) applyTheme(settings.theme);
  }, [settings?.theme]);
}
