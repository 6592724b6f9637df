// Work on the page done a slice at a time: a generator that yields wherever the page may be given a turn, so that
// no task of Lede's holds the page's main thread long (lede-page.ts runs each slice as a task of its own).
export type Sliced<T> = Generator<void, T>;

/** Runs sliced work to its end in one go (tests, and callers with no page waiting on them). */
export function runToEnd<T>(work: Sliced<T>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}
