// Gathers bench-results/*.json (written by every package's `bench` script in the shape
// { package, node, date, results: [{ name, unit, value, kind, reference?, target?, pass?, samples? }] })
// into one workspace summary: a table on stdout, bench-results/summary.json and bench-results/summary.md.
// Plain Node, no dependencies. Exit code 0 even when a target fails (the table says FAIL); 1 when no
// report was found or one is malformed (named with its path).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench-results');
const OWN = new Set(['summary.json']);

function problemsOf(report) {
  const out = [];
  if (typeof report !== 'object' || report === null) return ['not a JSON object'];
  if (typeof report.package !== 'string') out.push('"package" must be a string');
  if (!Array.isArray(report.results)) return [...out, '"results" must be an array'];
  report.results.forEach((r, i) => {
    if (typeof r?.name !== 'string' || typeof r?.unit !== 'string' || typeof r?.value !== 'number' || (r?.kind !== 'measured' && r?.kind !== 'ratio')) {
      out.push(`results[${i}] needs name, unit, numeric value and kind 'measured' | 'ratio'`);
    }
  });
  return out;
}

function fmt(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return v.toLocaleString('en-US', { maximumFractionDigits: a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4 });
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !OWN.has(f)).sort() : [];
const packages = [];
const problems = [];
for (const f of files) {
  const path = join(dir, f);
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`${path}: not valid JSON (${err.message})`);
    continue;
  }
  const p = problemsOf(report);
  if (p.length > 0) { problems.push(`${path}: ${p.join('; ')}`); continue; }
  packages.push({ file: `bench-results/${f}`, package: report.package, node: report.node, date: report.date, results: report.results });
}

const rows = packages.flatMap((p) => p.results.map((r) => ({
  package: p.package, name: r.name, value: r.value, unit: r.unit, kind: r.kind,
  target: r.target === undefined ? '' : `${r.target}${r.reference ? ` vs ${r.reference}` : ''}`,
  result: r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
  n: Array.isArray(r.samples) ? r.samples.length : '',
})));
const totals = {
  packages: packages.length,
  results: rows.length,
  ratios: rows.filter((r) => r.kind === 'ratio').length,
  withTarget: rows.filter((r) => r.result !== '').length,
  pass: rows.filter((r) => r.result === 'pass').length,
  fail: rows.filter((r) => r.result === 'FAIL').length,
};

const header = ['package', 'benchmark', 'value', 'unit', 'kind', 'target', 'result', 'n'];
const cells = rows.map((r) => [r.package, r.name, fmt(r.value), r.unit, r.kind, r.target, r.result, String(r.n)]);
const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
const line = (cs) => cs.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const c of cells) console.log(line(c));
console.log(`\n${totals.packages} package report(s), ${totals.results} result(s) (${totals.ratios} ratio(s)); targets: ${totals.pass} pass, ${totals.fail} fail`);
for (const p of problems) console.log(`problem: ${p}`);

const date = new Date().toISOString();
writeFileSync(join(dir, 'summary.json'), `${JSON.stringify({ date, totals, problems, packages }, null, 2)}\n`);
const md = [
  '# Workspace benchmark summary', '',
  `${date}. Values are measured by each package's bench script (kind \`measured\`) or ratios of two figures measured side by side in one run (kind \`ratio\`).`, '',
  `**${totals.packages} package(s), ${totals.results} result(s); targets: ${totals.pass} pass, ${totals.fail} fail.**`, '',
  '| package | benchmark | value | unit | kind | target | result | n |', '|---|---|---:|---|---|---|---|---:|',
  ...cells.map((c) => `| ${c.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`),
  ...(problems.length > 0 ? ['', '## Problems', '', ...problems.map((p) => `- ${p}`)] : []),
  '',
].join('\n');
writeFileSync(join(dir, 'summary.md'), md);
console.log(`written: bench-results/summary.json, bench-results/summary.md`);
if (packages.length === 0 || problems.length > 0) process.exitCode = 1;
