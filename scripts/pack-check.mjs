#!/usr/bin/env node
// Every package installs alone: pack each with pnpm, install the tarball (and the @perf
// tarballs it depends on) into a fresh npm project outside the workspace, import every
// public export, and run publint. Exits 1 with the first failure of each package named.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const work = mkdtempSync(join(tmpdir(), 'perf-pack-'));
const tarballDir = join(work, 'tarballs');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

const packages = readdirSync(packagesDir).map((dir) => {
  const manifest = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8'));
  return { dir: join(packagesDir, dir), manifest };
});

const tarballs = new Map();
for (const { dir, manifest } of packages) {
  run('pnpm', ['pack', '--pack-destination', tarballDir], dir);
  const file = `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`;
  tarballs.set(manifest.name, join(tarballDir, file));
}

const workspaceDeps = (name, seen = new Set()) => {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = packages.find((p) => p.manifest.name === name).manifest;
  for (const dep of Object.keys(manifest.dependencies ?? {})) if (tarballs.has(dep)) workspaceDeps(dep, seen);
  return seen;
};

let failures = 0;
for (const { dir, manifest } of packages) {
  const name = manifest.name;
  try {
    run('pnpm', ['exec', 'publint', '--strict', dir], root);
    const project = join(work, `consumer-${name.split('/')[1]}`);
    const overrides = Object.fromEntries([...workspaceDeps(name)].map((dep) => [dep, `file:${tarballs.get(dep)}`]));
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({
      name: 'consumer', private: true, type: 'module',
      dependencies: { [name]: `file:${tarballs.get(name)}` }, overrides,
    }));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--omit=optional'], project);
    const probe = `
      const mod = await import(${JSON.stringify(name)});
      const names = Object.keys(mod);
      if (names.length === 0) throw new Error('no exports');
      const missing = names.filter((n) => mod[n] === undefined);
      if (missing.length) throw new Error('undefined exports: ' + missing.join(', '));
      console.log(names.length + ' exports');`;
    const out = run('node', ['--input-type=module', '-e', probe], project).trim();
    console.log(`ok   ${name}: installs alone, ${out}, publint clean`);
  } catch (error) {
    failures++;
    console.error(`FAIL ${name}: ${(error.stderr || error.stdout || error.message).toString().trim().split('\n').slice(0, 12).join('\n')}`);
  }
}
rmSync(work, { recursive: true, force: true });
if (failures) {
  console.error(`${failures} package(s) failed the pack check`);
  process.exit(1);
}
console.log(`pack check: ${packages.length} packages install alone and import`);
