// The reader's own settings (stored with the others in utils/storage/settings.ts) and the steps its controls
// move through.
import type { MessageKey } from '@/utils/i18n';
import type { Settings, Theme } from '@/utils/storage/settings';

export type ReaderPrefs = Pick<Settings, 'theme' | 'readerFontSize' | 'readerLineWidth'>;

/** Font sizes in CSS pixels, a little more than a typographic scale apart at the top. */
export const FONT_SIZES = [14, 16, 18, 20, 22, 24, 27, 30, 34];
/** Line widths in characters: 66 or so is the classic measure; the ends are for small and wide screens. */
export const LINE_WIDTHS = [46, 54, 62, 68, 76, 86, 100];

export const THEMES: { value: Theme; label: MessageKey }[] = [
  { value: 'system', label: 'themeAuto' },
  { value: 'light', label: 'themeLight' },
  { value: 'sepia', label: 'themeSepia' },
  { value: 'dark', label: 'themeDark' },
];

/** The next step up (+1) or down (-1) from `current`, which need not be one of the steps (an older setting). */
export function stepFrom(steps: number[], current: number, direction: 1 | -1): number {
  if (direction > 0) return steps.find((s) => s > current) ?? steps[steps.length - 1];
  return [...steps].reverse().find((s) => s < current) ?? steps[0];
}
