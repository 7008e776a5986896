#!/usr/bin/env node
/*
 * The first thing `npm start` and `npm test` run, on a machine that may have nothing but Node 20 and npm.
 * It owns the bootstrap only: pnpm at the pinned version (into the git-ignored .tools/), the dependencies from the
 * lockfile (skipped when nothing changed), and a build through turbo (cached); then it hands over to the compiled
 * launcher in dist/. It must never need a dependency itself, so it is plain CommonJS with Node built-ins only.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const PNPM_VERSION = '12.4.2';
const root = path.resolve(__dirname, '..', '..', '..');
const toolsDir = path.join(root, '.tools');
const pnpmBin = path.join(toolsDir, 'node_modules', '.bin', 'pnpm');
const command = process.argv[2];

if (command !== 'start' && command !== 'test') {
  console.error('usage: muster.cjs start|test');
  process.exit(2);
}

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
  npm_config_update_notifier: 'false',
  // turbo looks for the package manager named in package.json on PATH.
  PATH: [path.join(toolsDir, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
};

function step(message) {
  process.stdout.write(`\x1b[2m[muster]\x1b[0m ${message}\n`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(cmd, args, what) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\n[muster] ${what} failed (exit ${status}).`);
    process.exit(status);
  }
}

function installedPnpmVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function ensurePnpm() {
  if (installedPnpmVersion() === PNPM_VERSION && fs.existsSync(pnpmBin)) return;
  step(`installing pnpm ${PNPM_VERSION} into .tools/ (once)`);
  fs.mkdirSync(toolsDir, { recursive: true });
  if (!fs.existsSync(path.join(toolsDir, 'package.json'))) {
    fs.writeFileSync(path.join(toolsDir, 'package.json'), '{ "private": true }\n');
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  must(npm, ['install', '--prefix', toolsDir, '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${PNPM_VERSION}`], 'Installing pnpm');
}

/** A fingerprint of everything that decides what `pnpm install` does, so an unchanged tree skips it. */
function installFingerprint() {
  const hash = crypto.createHash('sha256');
  hash.update(process.version);
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) {
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  for (const dir of ['apps', 'packages', 'bench']) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    const entries = dir === 'bench' ? [''] : fs.readdirSync(base).sort();
    for (const entry of entries) {
      const manifest = path.join(base, entry, 'package.json');
      if (fs.existsSync(manifest)) hash.update(manifest).update(fs.readFileSync(manifest));
    }
  }
  return hash.digest('hex');
}

function ensureDependencies() {
  const stamp = path.join(root, 'node_modules', '.muster-install');
  const fingerprint = installFingerprint();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) return;
  step('installing dependencies from the lockfile');
  must(pnpmBin, ['install', '--frozen-lockfile', '--reporter=append-only'], 'pnpm install');
  fs.writeFileSync(stamp, fingerprint);
}

function build() {
  step('building (turbo; unchanged packages come from its cache)');
  must(pnpmBin, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--log-prefix=none'], 'The build');
}

ensurePnpm();
ensureDependencies();
build();
env.MUSTER_PNPM = pnpmBin;
env.MUSTER_ROOT = root;
const launcher = path.join(__dirname, '..', 'dist', 'cli.js');
// The launcher shares this terminal's process group, so Ctrl-C reaches it (and its children) directly; this process only
// waits for it to finish its orderly shutdown instead of dying first and handing the prompt back too early.
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, [launcher, command, ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // A terminal's Ctrl-C already reached the child; a signal sent to this process alone is passed on.
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
