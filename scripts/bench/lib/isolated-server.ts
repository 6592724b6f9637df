// Cross-origin isolation for the page benchmark: performance.now() then has about 5 µs resolution instead of
// 100 µs (what a 1 ms detection budget needs), in the page and in Lede's isolated world. ISOLATION_HEADERS go with
// each corpus page answered at its own address; the server (a thin front for the e2e harness's static server that
// adds the two headers) serves the corpus pages that have no address from 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStaticServer } from '../../../tests/e2e/lib/index.ts';

export interface IsolatedServer {
  origin: string;
  url(relPath: string): string;
  close(): Promise<void>;
}

export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

export async function startIsolatedServer(root: string): Promise<IsolatedServer> {
  const inner = await startStaticServer({ root });
  const front = http.createServer((req, res) => {
    const upstream = http.request(inner.url(req.url ?? '/'), { method: req.method }, (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, ...ISOLATION_HEADERS });
      up.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end();
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  return {
    origin,
    url: (rel) => new URL(rel.replace(/^\/+/, ''), origin + '/').href,
    close: async () => {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await inner.close();
    },
  };
}
