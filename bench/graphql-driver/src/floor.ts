// Target (a), the floor: node:http + pg running the same SQL and returning the same JSON a GraphQL
// server would, with no parsing, validation or execution. Anything above this is framework cost.
import http from 'node:http';
import { fetchPage, makePool } from './page.js';

const pool = makePool();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let after: string | null = null;
    let first = 50;
    try {
      // Read the same request body the GraphQL targets get, so body parsing is not a free pass.
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { variables?: { first?: number; after?: string } };
      first = body.variables?.first ?? 50;
      after = body.variables?.after ?? null;
    } catch {
      res.writeHead(400).end();
      return;
    }
    fetchPage(pool, first, after).then(
      (page) => {
        const json = JSON.stringify({ data: { members: page } });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: err.message }] }));
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => { server.close(); void pool.end(); });
