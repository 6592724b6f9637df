// A static file server on 127.0.0.1 for test pages, demo pages and benchmark pages.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FIXTURES_DIR } from './paths.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:43117 */
  origin: string;
  port: number;
  root: string;
  /** Absolute URL of a path under the root: url('seed/kyiv-independent.html'). */
  url(relPath?: string): string;
  /** Every request the server received (method and path), oldest first. */
  hits(): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Directory to serve; default tests/fixtures. */
  root?: string;
  /** Default 0 (a random free port). */
  port?: number;
}

/** Serves `root` (default tests/fixtures) on 127.0.0.1, no caching, directory -> index.html, no listing. */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = path.resolve(options.root ?? FIXTURES_DIR);
  const hits: { method: string; path: string; status: number }[] = [];
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: string) => {
      hits.push({ method: req.method ?? 'GET', path: req.url ?? '/', status });
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = path.resolve(root, '.' + pathname);
      if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden\n');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(404, 'not found\n');
      hits.push({ method: req.method, path: req.url ?? '/', status: 200 });
      res.writeHead(200, {
        'content-type': contentTypeFor(file),
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(400, 'bad request\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    root,
    url: (rel = '') => new URL(rel.replace(/^\/+/, ''), origin + '/').href,
    hits: () => hits.slice(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
