// The day an article was saved, in the reader's own time zone and the interface's language ("8 Jul 2025").
import { uiLocale } from '@/utils/i18n';

let dayFormat: Intl.DateTimeFormat | null = null;

export function formatSavedAt(ms: number): string {
  dayFormat ??= new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' });
  return dayFormat.format(new Date(ms));
}
