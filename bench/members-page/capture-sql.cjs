'use strict';
// Preloaded (node -r) into a throwaway API process ONLY to record the SQL it sends, so the benchmark can prove the
// floor runs exactly the same statements. Never loaded into the API being measured (the logging would cost time).
// Each statement goes to BENCH_SQL_LOG as one JSON line: { conn, text, values } (conn numbers the pg connection, so
// run.cjs can tell the request's transaction from the authentication lookup the API runs on another connection).
const fs = require('node:fs');
const Module = require('node:module');

const file = process.env.BENCH_SQL_LOG;
const originalLoad = Module._load;
const patched = new WeakSet();
const connIds = new WeakMap();
let nextConn = 0;

Module._load = function load(request, parent, isMain) {
  const exported = originalLoad.call(this, request, parent, isMain);
  if (file && request === 'pg' && exported && exported.Client && !patched.has(exported.Client.prototype)) {
    patched.add(exported.Client.prototype);
    const query = exported.Client.prototype.query;
    exported.Client.prototype.query = function capturedQuery(config, values, cb) {
      const text = typeof config === 'string' ? config : config && config.text;
      const vals = Array.isArray(values) ? values : config && config.values;
      if (!connIds.has(this)) connIds.set(this, ++nextConn);
      if (text) fs.appendFileSync(file, `${JSON.stringify({ conn: connIds.get(this), text, values: vals ?? [] })}\n`);
      return query.call(this, config, values, cb);
    };
  }
  return exported;
};
