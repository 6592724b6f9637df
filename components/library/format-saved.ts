// The day an article was saved, in the reader's own time zone ("8 Jul 2025").
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatSavedAt(ms: number): string {
  return dayFormat.format(new Date(ms));
}
