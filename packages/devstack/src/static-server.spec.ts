import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serveApp, type StaticAppServer } from './static-server';

describe('serveApp', () => {
  let dist: string;
  let api: http.Server;
  let apiUrl: string;
  let app: StaticAppServer;
  const seen: Array<{ method?: string; url?: string; body: string; requestId?: string }> = [];

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-static-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
    fs.writeFileSync(path.join(os.tmpdir(), 'muster-secret.txt'), 'secret');
    api = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body, requestId: req.headers['x-request-id'] as string });
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
        res.end(JSON.stringify({ data: { echo: body } }));
      });
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
    app = await serveApp({ distDir: dist, apiUrl, port: 0 });
  });

  afterAll(async () => {
    await app.close();
    await new Promise((r) => api.close(r));
  });

  it('serves built files with long caching for hashed assets', async () => {
    const res = await fetch(`${app.url}/assets/main-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html', async () => {
    const res = await fetch(`${app.url}/orgs/123/members?status=ACTIVE`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('never serves files outside the app folder', async () => {
    const res = await fetch(`${app.url}/..%2fmuster-secret.txt`);
    expect(await res.text()).not.toContain('secret');
  });

  it('passes /graphql through to the API with its body and headers', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'abc' },
      body: '{"query":"{ viewer }"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('r-1');
    expect(await res.json()).toEqual({ data: { echo: '{"query":"{ viewer }"}' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/graphql', requestId: 'abc' });
  });

  it('answers 502 in the API error shape when the API is down', async () => {
    const orphan = await serveApp({ distDir: dist, apiUrl: 'http://127.0.0.1:1', port: 0 });
    try {
      const res = await fetch(`${orphan.url}/graphql`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('API_UNAVAILABLE');
    } finally {
      await orphan.close();
    }
  });
});
