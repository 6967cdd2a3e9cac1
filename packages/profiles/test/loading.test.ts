import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError, diffProfiles, listProfiles, loadProfile, profileSearchDirs, resolveProfile } from '../src/index.js';
import { TWO_CORES, tempDir, writeTree } from './helpers.js';

function thrown(fn: () => unknown): ProfileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileError');
}

describe('search order', () => {
  const project = tempDir();
  const config = tempDir();
  writeTree(project, {
    '.perf/profiles/medium_project.yaml': 'extends: medium_project\ncache:\n  l1: 128MB\n',
    '.perf/profiles/team.yaml': 'extends: medium_project\ndescription: team profile\n',
  });
  writeTree(config, {
    'perf/profiles/medium_project.yaml': 'extends: medium_project\nworkers:\n  batchSize: 20\n',
    'perf/profiles/mine.yml': 'extends: small_project\ndescription: mine\n',
  });
  const options = { cwd: project, env: { XDG_CONFIG_HOME: config } };

  it('searches the project, then $XDG_CONFIG_HOME/perf/profiles, then the built-ins', () => {
    expect(profileSearchDirs(options).map((d) => d.source)).toEqual(['project', 'user', 'builtin']);
    expect(profileSearchDirs(options)[0]?.dir).toBe(join(project, '.perf/profiles'));
    expect(profileSearchDirs(options)[1]?.dir).toBe(join(config, 'perf/profiles'));
    expect(profileSearchDirs({ cwd: project, env: { HOME: '/home/x' } })[1]?.dir).toBe('/home/x/.config/perf/profiles');
  });

  it('lists the first of each name and what it shadows', () => {
    const list = listProfiles(options);
    const medium = list.find((p) => p.name === 'medium_project');
    expect(medium?.source).toBe('project');
    expect(medium?.shadows).toHaveLength(2);
    expect(list.find((p) => p.name === 'mine')?.source).toBe('user');
    expect(list).toHaveLength(8);
  });

  it('a profile extending its own name extends the next one down the search order', () => {
    const p = loadProfile('medium_project', options);
    expect(p.origin.source).toBe('project');
    expect(p.origin.files).toHaveLength(3);
    expect(p.cache.l1).toBe('128MB'); // project
    expect(p.workers.batchSize).toBe(20); // user
    expect(p.cache.l3).toBe('2GB'); // built-in
    expect(loadProfile('team', options).workers.batchSize).toBe(20);
    expect(loadProfile('mine', options).description).toBe('mine');
  });

  it('loads by path, relative to cwd', () => {
    expect(loadProfile('.perf/profiles/team.yaml', options).name).toBe('team');
  });
});

describe('inheritance', () => {
  const dir = tempDir();
  writeTree(dir, {
    'base.yaml': [
      'description: base',
      'cache: { l1: 10MB, l2: 20MB, l3: 30MB, policy: lru, ttl: 1h, targetHitRate: 70 }',
      'workers: { mode: threads, max: cores, min: 1, threads: 4, batchSize: 8, queueSize: 100 }',
      'resources: { memory: 1GB, cpu: cores }',
    ].join('\n'),
    'fast.yaml': 'extends: base\nworkers:\n  batchSize: 32\n  mode: processes\n',
    'lean.yaml': 'extends: base\ncache:\n  l3: ~\n  ttl: $unset\nworkers:\n  min: null\n',
    'both.yaml': 'extends: [fast, lean]\ndescription: both\n',
    'replaced.yaml': 'extends: base\ncache:\n  $replace: true\n  l1: 5MB\n  policy: arc\n  targetHitRate: 90\n',
    'replaced-short.yaml': 'extends: base\ncache:\n  $replace: true\n  l1: 5MB\n',
    'by-path.yaml': 'extends: ./sub/child.yaml\n',
    'sub/child.yaml': 'extends: ../fast.yaml\ndescription: child by path\n',
  });
  const options = { dirs: [dir], builtins: false };

  it('overrides key by key and keeps the rest', () => {
    const fast = loadProfile('fast', options);
    expect(fast.workers).toEqual({ mode: 'processes', max: 'cores', min: 1, threads: 4, batchSize: 32, queueSize: 100 });
    expect(fast.cache.l1).toBe('10MB');
    expect(fast.description).toBe('base');
    expect(diffProfiles(loadProfile('base', options), fast)).toEqual([
      { path: 'workers.mode', a: 'threads', b: 'processes' },
      { path: 'workers.batchSize', a: 8, b: 32 },
    ]);
  });

  it('drops a key with null, ~ or $unset', () => {
    const lean = loadProfile('lean', options);
    expect('l3' in lean.cache).toBe(false);
    expect('ttl' in lean.cache).toBe(false);
    expect('min' in lean.workers).toBe(false);
    const r = resolveProfile(lean, TWO_CORES);
    expect([r.cache.l3Bytes, r.cache.ttlMs, r.workers.min]).toEqual([null, null, 1]);
    expect(diffProfiles(loadProfile('base', options), lean)).toEqual([
      { path: 'cache.l3', a: '30MB', b: undefined },
      { path: 'cache.ttl', a: '1h', b: undefined },
      { path: 'workers.min', a: 1, b: undefined },
    ]);
  });

  it('merges several parents left to right, then the child', () => {
    const both = loadProfile('both', options);
    expect(both.description).toBe('both');
    expect(both.workers.batchSize).toBe(8); // lean (later parent) re-states base's 8 over fast's 32
    expect(both.workers.mode).toBe('threads');
    // A later parent is merged whole: what it dropped is absent there, so the earlier parent's value stays.
    expect(both.cache.l3).toBe('30MB');
    expect(both.origin.files.map((f) => f.split('/').pop())).toEqual(['base.yaml', 'fast.yaml', 'lean.yaml', 'both.yaml']);
  });

  it('replaces a whole section with $replace: true', () => {
    expect(loadProfile('replaced', options).cache).toEqual({ l1: '5MB', policy: 'arc', targetHitRate: 90 });
  });

  it('a replaced section must be complete on its own', () => {
    const e = thrown(() => loadProfile('replaced-short', options));
    expect(e.code).toBe('PROFILE_SCHEMA');
    expect(e.issues.map((i) => i.path)).toEqual(['cache.policy', 'cache.targetHitRate']);
  });

  it('follows extends given as paths, relative to the file', () => {
    const p = loadProfile('by-path', options);
    expect(p.description).toBe('child by path');
    expect(p.workers.batchSize).toBe(32);
  });
});
