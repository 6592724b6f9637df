// A failed storage write in words a reader understands: what happened, and that nothing was changed.

/** The message for a write that failed; the change it carried was not made. */
export function describeStorageError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (/quota|QUOTA_BYTES|kQuotaBytes|NS_ERROR_DOM_QUOTA|disk.*full|no space/i.test(raw)) {
    return `The browser's storage for Lede is full, so nothing was changed. Free some space on this device, or delete or export saved articles. (${raw})`;
  }
  return `The browser could not write Lede's storage, so nothing was changed. (${raw})`;
}
