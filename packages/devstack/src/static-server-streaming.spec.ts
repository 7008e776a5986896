// The static server passes CSV uploads (/imports) and downloads (/exports) through as streams: each test below would
// deadlock (and time out) if the proxy waited for a whole body before passing it on.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serveApp, type StaticAppServer } from './static-server';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('serveApp streams /imports and /exports', () => {
  let dist: string;
  let api: http.Server;
  let app: StaticAppServer;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-static-stream-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    api = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    app = await serveApp({ distDir: dist, apiUrl: `http://127.0.0.1:${(api.address() as { port: number }).port}`, port: 0 });
  });

  afterAll(async () => {
    await app.close();
    api.closeAllConnections();
    await new Promise((r) => api.close(r));
  });

  it('hands the first bytes of an upload to the API before the browser has sent the rest', async () => {
    const firstBytesAtApi = deferred();
    let received = 0;
    let seen: { url?: string; csrf?: string; cookie?: string } = {};
    handler = (req, res) => {
      seen = { url: req.url, csrf: req.headers['x-csrf-token'] as string, cookie: req.headers.cookie };
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        firstBytesAtApi.resolve();
      });
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { memberImport: { id: 'imp-1' } }, received }));
      });
    };
    const response = deferred<{ status: number; body: string }>();
    const req = http.request(`${app.url}/imports?organisationId=o-1&fileName=members.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': 't-1', cookie: 'muster_session=s; muster_csrf=t-1' },
    }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => response.resolve({ status: res.statusCode ?? 0, body }));
    });
    req.write('first_name,last_name\n' + 'Ada,Lovelace\n'.repeat(1000));
    // Only when the API has the start of the file does the rest go: a buffering proxy never gets here.
    await firstBytesAtApi.promise;
    req.end('Grace,Hopper\n');
    const { status, body } = await response.promise;
    expect(status).toBe(201);
    expect(JSON.parse(body)).toEqual({ data: { memberImport: { id: 'imp-1' } }, received: 21 + 13 * 1000 + 13 });
    expect(seen).toEqual({ url: '/imports?organisationId=o-1&fileName=members.csv', csrf: 't-1', cookie: 'muster_session=s; muster_csrf=t-1' });
  }, 15000);

  it('passes a 48 MiB upload through byte for byte', async () => {
    handler = (req, res) => {
      const hash = createHash('sha256');
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ size, sha256: hash.digest('hex') }));
      });
    };
    const chunk = Buffer.alloc(1024 * 1024, 'Siân,Dún,£5,"a ""quoted"" field"\r\n');
    const expected = createHash('sha256');
    for (let i = 0; i < 48; i++) expected.update(chunk);
    const res = await fetch(`${app.url}/imports?organisationId=o-1&fileName=big.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 48; i++) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ size: 48 * 1024 * 1024, sha256: expected.digest('hex') });
  }, 60000);

  it('hands the browser the first rows of an export before the API has finished it', async () => {
    const firstRowsAtBrowser = deferred();
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="members.csv"' });
      res.write('id,first_name\n1,Ada\n');
      // The rest only once the browser has the start: a proxy that buffered the whole response never lets it.
      void firstRowsAtBrowser.promise.then(() => res.end('2,Grace\n'));
    };
    const result = deferred<{ status: number; disposition?: string; body: string }>();
    http.get(`${app.url}/exports/members.csv?organisationId=o-1&filter=%7B%7D`, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
        firstRowsAtBrowser.resolve();
      });
      res.on('end', () => result.resolve({ status: res.statusCode ?? 0, disposition: res.headers['content-disposition'], body }));
    });
    expect(await result.promise).toEqual({
      status: 200,
      disposition: 'attachment; filename="members.csv"',
      body: 'id,first_name\n1,Ada\n2,Grace\n',
    });
  }, 15000);

  it('stops the API’s export when the browser goes away', async () => {
    const apiSawClose = deferred();
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('id\n1\n');
      res.on('close', () => apiSawClose.resolve());
    };
    const req = http.get(`${app.url}/exports/members.csv?organisationId=o-1`, (res) => {
      res.once('data', () => req.destroy());
    });
    req.on('error', () => undefined);
    await apiSawClose.promise;
  }, 15000);

  it('still serves the app for client-side routes that merely contain the words', async () => {
    const res = await fetch(`${app.url}/orgs/o-1/imports`);
    expect(await res.text()).toContain('<title>app</title>');
    const exportsLike = await fetch(`${app.url}/importsx`);
    expect(await exportsLike.text()).toContain('<title>app</title>');
  });
});
