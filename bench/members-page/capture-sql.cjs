'use strict';
// Preloaded (node -r) into a throwaway API process ONLY to record the SQL it sends, so the benchmark can prove the
// floor runs exactly the same statements. Never loaded into the API being measured (the logging would cost time).
// Each statement goes to BENCH_SQL_LOG as one JSON line: { text, values }.
const fs = require('node:fs');
const Module = require('node:module');

const file = process.env.BENCH_SQL_LOG;
const originalLoad = Module._load;
const patched = new WeakSet();

Module._load = function load(request, parent, isMain) {
  const exported = originalLoad.call(this, request, parent, isMain);
  if (file && request === 'pg' && exported && exported.Client && !patched.has(exported.Client.prototype)) {
    patched.add(exported.Client.prototype);
    const query = exported.Client.prototype.query;
    exported.Client.prototype.query = function capturedQuery(config, values, cb) {
      const text = typeof config === 'string' ? config : config && config.text;
      const vals = Array.isArray(values) ? values : config && config.values;
      if (text) fs.appendFileSync(file, `${JSON.stringify({ text, values: vals ?? [] })}\n`);
      return query.call(this, config, values, cb);
    };
  }
  return exported;
};
