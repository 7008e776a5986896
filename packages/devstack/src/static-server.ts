/**
 * Serves a built single-page app (admin or portal) and passes /graphql, /health, /imports (CSV uploads, rejects
 * downloads) and /exports (CSV downloads) through to the API, so the apps talk to the API on their own origin exactly as
 * they will behind a load balancer. Bodies stream both ways with backpressure (a 1 GiB upload or a million-row export is
 * never held in memory here). Used by `npm start` and by the end-to-end tests; it is not a production web server
 * (infra/ describes that).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const PROXIED = [/^\/graphql(\/|\?|$)/, /^\/health(\/|\?|$)/, /^\/imports(\/|\?|$)/, /^\/exports(\/|\?|$)/];

export interface StaticAppServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function serveApp(options: { distDir: string; apiUrl: string; port: number; host?: string }): Promise<StaticAppServer> {
  const distDir = path.resolve(options.distDir);
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`${indexFile} is missing: build the app first`);
  const api = new URL(options.apiUrl);

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (PROXIED.some((re) => re.test(url))) {
      const upstream = http.request(
        { host: api.hostname, port: api.port, method: req.method, path: url, headers: { ...req.headers, host: api.host } },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      upstream.on('error', () => {
        // Mid-stream (a download already under way) the only honest signal is a cut connection, never JSON in a CSV.
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'The API is not reachable', extensions: { code: 'API_UNAVAILABLE' } }] }));
      });
      // A browser that gives up (a cancelled upload, a closed download tab) aborts the API's side too.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      req.pipe(upstream);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
    let file = path.join(distDir, pathname);
    // Anything outside dist, or not a file, is a client-side route: the app's index.html answers it.
    if (!file.startsWith(distDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) file = indexFile;
    const ext = path.extname(file);
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  // Node's default 5-minute request timeout would cut a large upload on a slow link; the API sets its own limits.
  server.requestTimeout = 0;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
