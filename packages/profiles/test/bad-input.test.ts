import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PROFILE_BYTES, ProfileError, loadProfile, parseProfileYaml, resolveProfile, type Profile } from '../src/index.js';
import { TWO_CORES, system, tempDir, writeTree } from './helpers.js';

function thrown(fn: () => unknown): ProfileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileError, got a result');
}

const GOOD = [
  'description: ok',
  'cache: { l1: 10MB, policy: lru, targetHitRate: 70 }',
  'workers: { mode: threads, max: cores, threads: 4, batchSize: 8, queueSize: 100 }',
  'resources: { memory: 1GB, cpu: cores }',
].join('\n');

describe('bad input', () => {
  const dir = tempDir();
  const options = { dirs: [dir], builtins: false };
  writeTree(dir, {
    'good.yaml': GOOD,
    'syntax.yaml': 'description: x\ncache:\n  l1: [10MB\n  policy: lru\n',
    'tabs.yaml': 'description: x\ncache:\n\tl1: 10MB\n',
    'dupe.yaml': 'description: a\ndescription: b\n',
    'many.yaml': [
      'extends: good',
      'cache:',
      '  l1: huge',
      '  polcy: arc',
      '  targetHitRate: 120',
      'workers:',
      '  mode: fibers',
      '  max: cores ** 2',
      '  batchsize: 4',
      'resourcez: {}',
    ].join('\n'),
    'misplaced.yaml': 'extends: good\ncache:\n  max: 4\n  policy: wtinylfo\nworkers:\n  mode: thread\n',
    'missing.yaml': 'description: incomplete\ncache: { l1: 1MB }\n',
    'not-a-map.yaml': '- just\n- a list\n',
    'bad-extends.yaml': 'extends: no_such_profile\n',
    'cycle-a.yaml': 'extends: cycle-b\n',
    'cycle-b.yaml': 'extends: cycle-c\n',
    'cycle-c.yaml': 'extends: cycle-a\n',
    'self.yaml': 'extends: ./self.yaml\n',
    'div.yaml': 'extends: good\nworkers: { max: cores / (cores - 2) }\n',
    'neg.yaml': 'extends: good\nresources: { cpu: cores - 4 }\n',
    'child-of-bad.yaml': 'extends: many\ndescription: fine here\n',
  });

  it('a YAML syntax error has code PROFILE_YAML with file, line and column', () => {
    const e = thrown(() => loadProfile('syntax', options));
    expect(e.code).toBe('PROFILE_YAML');
    expect(e.file).toBe(join(dir, 'syntax.yaml'));
    expect(e.line).toBe(4);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.message).toMatch(/syntax\.yaml:4:\d+: YAML syntax error/);
    expect(thrown(() => loadProfile('tabs', options))).toMatchObject({ code: 'PROFILE_YAML', line: 3 });
  });

  it('a duplicate key is a YAML error at its line', () => {
    expect(thrown(() => loadProfile('dupe', options))).toMatchObject({ code: 'PROFILE_YAML', line: 2, column: 1 });
  });

  it('reports every schema problem at once, with path, value and expected', () => {
    const e = thrown(() => loadProfile('many', options));
    expect(e.code).toBe('PROFILE_SCHEMA');
    const byPath = Object.fromEntries(e.issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual([
      'cache.l1', 'cache.polcy', 'cache.targetHitRate', 'resourcez', 'workers.batchsize', 'workers.max', 'workers.mode',
    ]);
    expect(byPath['cache.l1']).toMatchObject({ value: 'huge', expected: expect.stringContaining('a size such as "100MB"') as string });
    expect(byPath['cache.targetHitRate']).toMatchObject({ value: 120, expected: 'a percentage from 0 to 100' });
    expect(byPath['workers.mode']).toMatchObject({ value: 'fibers', expected: 'one of threads, processes, main-thread' });
    expect(byPath['workers.max']?.expected).toContain('column 8');
    expect(e.issues.every((i) => i.file === join(dir, 'many.yaml'))).toBe(true);
    expect(e.message).toContain('has 7 problems');
    expect(e.message).toContain('many.yaml: cache.l1: expected a size');
  });

  it('unknown keys are errors with a "did you mean"', () => {
    const e = thrown(() => loadProfile('many', options));
    const messages = e.issues.map((i) => i.message);
    expect(messages).toContain(`${join(dir, 'many.yaml')}: cache.polcy: unknown key "polcy"; did you mean "policy"?`);
    expect(messages).toContain(`${join(dir, 'many.yaml')}: workers.batchsize: unknown key "batchsize"; did you mean "batchSize"?`);
    expect(messages).toContain(`${join(dir, 'many.yaml')}: resourcez: unknown key "resourcez"; did you mean "resources"?`);
  });

  it('a key in the wrong section says where it belongs; a misspelt value gets a "did you mean"', () => {
    const e = thrown(() => loadProfile('misplaced', options));
    const file = join(dir, 'misplaced.yaml');
    expect(e.issues.map((i) => i.message)).toEqual([
      `${file}: cache.max: unknown key "max"; "max" belongs in the workers section`,
      `${file}: cache.policy: expected one of lru, sieve, s3fifo, arc, wtinylfu, found "wtinylfo"; did you mean "wtinylfu"?`,
      `${file}: workers.mode: expected one of threads, processes, main-thread, found "thread"; did you mean "threads"?`,
    ]);
  });

  it('problems in a parent are reported when loading the child, naming the parent file', () => {
    const e = thrown(() => loadProfile('child-of-bad', options));
    expect(e.code).toBe('PROFILE_SCHEMA');
    expect(e.issues[0]?.file).toBe(join(dir, 'many.yaml'));
  });

  it('missing required settings are listed with what to set', () => {
    const e = thrown(() => loadProfile('missing', options));
    expect(e.code).toBe('PROFILE_SCHEMA');
    expect(e.issues.map((i) => i.path)).toEqual(['cache.policy', 'cache.targetHitRate', 'workers', 'resources']);
    expect(e.issues[0]).toMatchObject({ value: undefined, expected: 'one of lru, sieve, s3fifo, arc, wtinylfu (required)' });
    expect(e.issues[0]?.message).toContain('missing required setting');
  });

  it('a document that is not a mapping is refused', () => {
    const e = thrown(() => loadProfile('not-a-map', options));
    expect(e.code).toBe('PROFILE_SCHEMA');
    expect(e.issues[0]).toMatchObject({ path: '', value: ['just', 'a list'] });
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = lines.join('\n');
    writeFileSync(join(dir, 'bomb.yaml'), bomb);
    const e = thrown(() => loadProfile('bomb', options));
    expect(e.code).toBe('PROFILE_LIMIT');
    expect(e.message).toContain('aliases');
  });

  it('refuses huge documents before reading them whole', () => {
    writeFileSync(join(dir, 'huge.yaml'), `description: "${'x'.repeat(MAX_PROFILE_BYTES)}"\n`);
    const e = thrown(() => loadProfile('huge', options));
    expect(e.code).toBe('PROFILE_LIMIT');
    expect(e.message).toContain(`${MAX_PROFILE_BYTES}-byte limit`);
    expect(thrown(() => parseProfileYaml('a: 1\n'.repeat(20_000), 'mem.yaml'))).toMatchObject({ code: 'PROFILE_LIMIT' });
  });

  it('extends of a missing profile names it and where it looked', () => {
    const e = thrown(() => loadProfile('bad-extends', options));
    expect(e.code).toBe('PROFILE_NOT_FOUND');
    expect(e.message).toContain('extends "no_such_profile"');
    expect(e.message).toContain(dir);
    expect(e.searched).toEqual([dir]);
    expect(e.file).toBe(join(dir, 'bad-extends.yaml'));
    expect(thrown(() => loadProfile('nowhere', options))).toMatchObject({ code: 'PROFILE_NOT_FOUND', searched: [dir] });
    expect(thrown(() => loadProfile('../etc/passwd.yaml', options)).code).toBe('PROFILE_NOT_FOUND');
  });

  it('a cycle is an error naming the cycle', () => {
    const e = thrown(() => loadProfile('cycle-a', options));
    expect(e.code).toBe('PROFILE_CYCLE');
    expect(e.message).toContain('cycle-a');
    expect(e.message).toMatch(/cycle-a \(.*\) -> cycle-b \(.*\) -> cycle-c \(.*\) -> cycle-a/);
    expect(e.cycle.map((f) => f.split('/').pop())).toEqual(['cycle-a.yaml', 'cycle-b.yaml', 'cycle-c.yaml', 'cycle-a.yaml']);
    expect(thrown(() => loadProfile('self', options)).code).toBe('PROFILE_CYCLE');
  });

  it('an expression that fails on this machine is PROFILE_EXPRESSION, naming the setting and inputs', () => {
    const div = loadProfile('div', options);
    const e = thrown(() => resolveProfile(div, TWO_CORES));
    expect(e.code).toBe('PROFILE_EXPRESSION');
    expect(e.message).toContain('workers.max');
    expect(e.message).toContain('cores=2');
    expect(resolveProfile(div, system(4, 8)).workers.max).toBe(2);
    expect(thrown(() => resolveProfile(loadProfile('neg', options), TWO_CORES)).message).toContain('resources.cpu');
  });

  it('never returns a partial profile', () => {
    for (const name of ['syntax', 'many', 'missing', 'bad-extends', 'cycle-a', 'bomb', 'huge']) {
      let result: Profile | undefined;
      try {
        result = loadProfile(name, options);
      } catch {
        // expected
      }
      expect(result, name).toBeUndefined();
    }
    expect(loadProfile('good', options).name).toBe('good');
  });
});
