// A "sentinel" proxy: both browsers are launched with it as their HTTP/HTTPS proxy, so every request to a
// non-loopback host (which could not reach anything on a closed network anyway) arrives here, is
// recorded, and is refused. Loopback (the test server) is not proxied. It sees the whole browser, so it
// cannot tell who made a request: the network log matches its hits against the attributed requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyHit {
  /** 'http://host/path' for plain HTTP, 'https://host:port' for a CONNECT tunnel (the path is encrypted). */
  url: string;
  time: number;
}

export interface SentinelProxy {
  port: number;
  hits(): ProxyHit[];
  close(): Promise<void>;
}

export async function startSentinelProxy(): Promise<SentinelProxy> {
  const hits: ProxyHit[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ url: req.url ?? '', time: Date.now() });
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('blocked by the Lede test harness: no network\n');
  });
  server.on('connect', (req, socket) => {
    const target = req.url ?? '';
    hits.push({ url: `https://${target.endsWith(':443') ? target.slice(0, -4) : target}`, time: Date.now() });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('upgrade', (req, socket) => {
    hits.push({ url: req.url ?? '', time: Date.now() });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits.slice(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
