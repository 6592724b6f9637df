// One write at a time, in arrival order: what keeps saves from several tabs, the popup, the context menu and
// the library from losing each other's updates. A failed job does not stop the ones after it.
export type Serial = <T>(job: () => Promise<T>) => Promise<T>;

export function createWriteQueue(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
