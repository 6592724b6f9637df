// Display formats shared by the popup, the side panel and the library.
import { t, uiLocale } from '@/utils/i18n';

/** "20 Jun 2024" from the page's date; an ISO date keeps the publisher's own calendar day. */
export function formatDate(value: string | null, locale: string = uiLocale()): string | null {
  if (!value) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const date = iso ? new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(locale, iso !== null).format(date);
}

// Making an Intl formatter costs far more than using one (the library formats 50 dates a screen).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, utc: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${utc}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: utc ? 'UTC' : undefined })));
  return format;
}

export function formatMinutes(minutes: number): string {
  return t('minutesRead', Math.max(1, Math.round(minutes)));
}

export function hostname(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
