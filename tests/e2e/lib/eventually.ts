/** Polls `read` until `ok` holds (the browser does its part asynchronously); fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
