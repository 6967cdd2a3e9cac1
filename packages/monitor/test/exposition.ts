// A small parser for the Prometheus text exposition format (version 0.0.4), enough for tests:
// prom-client has no parser, so the tests scrape the text the way a Prometheus server would.

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedFamily {
  name: string;
  type: string;
  help: string;
  samples: ParsedSample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;

function parseValue(text: string): number {
  // Like Prometheus (Go's ParseFloat): NaN and Inf in any letter case (prom-client writes "Nan").
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  const v = Number(text);
  if (Number.isNaN(v)) throw new Error(`bad sample value "${text}"`);
  return v;
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let consumed = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    const [, key, raw] = m;
    if (key === undefined || raw === undefined) break;
    if (key in labels) throw new Error(`line ${line}: duplicate label ${key}`);
    labels[key] = raw.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    consumed = LABEL.lastIndex;
  }
  if (consumed !== text.length) throw new Error(`line ${line}: cannot parse labels {${text}}`);
  return labels;
}

/** Parses exposition text into families keyed by name; throws on anything malformed. */
export function parseExposition(text: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>();
  const family = (name: string): ParsedFamily => {
    let f = families.get(name);
    if (f === undefined) {
      f = { name, type: 'untyped', help: '', samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const seenTypes = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('# HELP ')) {
      const [name, ...rest] = line.slice(7).split(' ');
      family(name ?? '').help = rest.join(' ');
      return;
    }
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (name === undefined || type === undefined) throw new Error(`line ${i + 1}: bad TYPE`);
      if (seenTypes.has(name)) throw new Error(`line ${i + 1}: second TYPE for ${name}`);
      if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type)) throw new Error(`line ${i + 1}: type ${type}`);
      seenTypes.add(name);
      family(name).type = type;
      return;
    }
    if (line.startsWith('#')) return;
    const m = SAMPLE.exec(line);
    if (m === null) throw new Error(`line ${i + 1}: cannot parse "${line}"`);
    const [, name = '', labelText = '', value = ''] = m;
    const base = families.has(name) ? name : name.replace(/_(bucket|sum|count|total)$/, '');
    family(families.has(base) ? base : name).samples.push({ name, labels: parseLabels(labelText, i + 1), value: parseValue(value) });
  });
  return families;
}
