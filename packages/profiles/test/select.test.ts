import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError, SELECTION_RULES, classifyProjectSize, classifySystem, countProjectFiles, selectProfile } from '../src/index.js';
import { SMALL_MEMORY, STANDARD, TWO_CORES, WORKSTATION, system, tempDir, writeTree } from './helpers.js';

/** `tracked` files git would track, plus ignored ones (node_modules, dist, *.log) that must not count. */
function generateProject(root: string, tracked: number): string {
  const perDir = 100;
  for (let d = 0; d * perDir < tracked; d++) {
    const dir = join(root, 'src', `m${d}`);
    mkdirSync(dir, { recursive: true });
    const n = Math.min(perDir, tracked - d * perDir);
    for (let f = 0; f < n; f++) writeFileSync(join(dir, `f${f}.ts`), '');
  }
  writeTree(root, {
    '.gitignore': 'node_modules/\n/dist\n*.log\n',
    'node_modules/a/index.js': '', 'node_modules/a/package.json': '', 'node_modules/b/index.js': '',
    'dist/out.js': '', 'debug.log': '', 'src/m0/trace.log': '',
    '.git/HEAD': 'ref: refs/heads/main\n', '.git/objects/ab/cdef': '',
  });
  // .gitignore itself is tracked: generate tracked - 1 sources... simpler to count it in.
  return root;
}

describe('counting the files git would track', () => {
  const TREES: Record<string, { files: Record<string, string>; tracked: number; ignoreFiles: number }> = {
    'path patterns, nested files, negations, .git/info/exclude': {
      files: {
        '.gitignore': '*.log\n!keep.log\nbuild/\n/top-only.txt\ndocs/**/*.tmp\n',
        'a.ts': '', 'b.log': '', 'keep.log': '', 'top-only.txt': '', 'build/x.js': '',
        'docs/guide/page.md': '', 'docs/guide/draft.tmp': '', 'docs/deep/er/x.tmp': '',
        'pkg/.gitignore': '*.gen.ts\n!important.gen.ts\nout\n',
        'pkg/top-only.txt': '', 'pkg/a.gen.ts': '', 'pkg/important.gen.ts': '', 'pkg/src/b.gen.ts': '',
        'pkg/out/file.js': '', 'pkg/src/out': '', 'pkg/src/ok.ts': '', 'pkg/build/y.js': '',
        'pkg/sub/.gitignore': '!*.log\n', 'pkg/sub/z.log': '', 'pkg/sub/c.ts': '',
        'vendor/.gitignore': '*\n!.gitignore\n', 'vendor/lib.js': '',
        'spaces dir/file name.txt': '', '.hidden/.env': '',
      },
      tracked: 14,
      ignoreFiles: 5,
    },
    'names and anchored names only (the by-name fast path)': {
      files: {
        '.gitignore': '# comment\n*.log\n/dist\n!/keep.log\nbuild/\ncache\n',
        'keep.log': '', 'a.log': '', 'dist/x.js': '', 'sub/dist': '', 'sub/keep.log': '', 'sub/a.ts': '',
        'sub/build': '', 'sub/build2/x': '', 'sub/deeper/cache': '', 'sub/deeper/cache.ts': '', 'sub/deeper/build/y': '',
        'lib/.gitignore': '/only-here.txt\n*.tmp\n!keep.tmp\n', 'lib/only-here.txt': '', 'lib/x/only-here.txt': '',
        'lib/x/a.tmp': '', 'lib/x/keep.tmp': '',
      },
      tracked: 10,
      ignoreFiles: 3,
    },
  };

  it.each(Object.entries(TREES))('matches `git ls-files` on a tree with %s', async (_, tree) => {
    const root = tempDir();
    writeTree(root, tree.files);
    execFileSync('git', ['init', '-q'], { cwd: root });
    writeTree(root, { '.git/info/exclude': 'secret.txt\n', 'secret.txt': '' });
    const listed = execFileSync('git', ['-c', 'core.excludesFile=', 'ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n').filter(Boolean);
    const count = await countProjectFiles(root);
    expect(count.files).toBe(listed.length);
    expect(count.files).toBe(tree.tracked);
    expect(count.ignoreFiles).toBe(tree.ignoreFiles);
  });

  it('refuses a missing directory with PROFILE_PROJECT_DIR', async () => {
    await expect(countProjectFiles('/nonexistent/project')).rejects.toMatchObject({ code: 'PROFILE_PROJECT_DIR' });
    await expect(countProjectFiles('/nonexistent/project')).rejects.toBeInstanceOf(ProfileError);
  });
});

describe('project size', () => {
  it('is small under 1,000 files, medium up to 10,000, large above', () => {
    expect([0, 999, 1000, 10_000, 10_001].map(classifyProjectSize)).toEqual(['small', 'small', 'medium', 'medium', 'large']);
  });

  it.each([
    [500, 'small_project'],
    [5_000, 'medium_project'],
    [20_000, 'large_project'],
  ] as const)('a generated tree of %i files selects %s', async (tracked, expected) => {
    const root = generateProject(tempDir(), tracked);
    const selection = await selectProfile({ projectDir: root });
    expect(selection.profileName).toBe(expected);
    expect(selection.rule).toBe('project-file-count');
    expect(selection.inputs.projectFiles).toBe(tracked + 1); // + the .gitignore
    expect(selection.reason).toContain(`${tracked + 1} files git would track`);
    // An unconstrained system changes nothing.
    expect((await selectProfile({ projectDir: root, system: STANDARD })).profileName).toBe(expected);
  });
});

describe('selection rules', () => {
  const root = tempDir();
  writeTree(root, { 'a.ts': '' });

  it('memory- and CPU-constrained systems win over project size', async () => {
    const memory = await selectProfile({ projectDir: root, projectSize: 'large', system: SMALL_MEMORY });
    expect(memory).toMatchObject({ profileName: 'memory_constrained', rule: 'memory-constrained-system' });
    expect(memory.inputs).toMatchObject({ effectiveCores: 8, memoryLimitBytes: 2 * 1024 ** 3, measuredSystemType: 'memory_constrained', projectSize: 'large' });
    expect(memory.inputs.projectFiles).toBeUndefined(); // not needed, not counted
    const cpu = await selectProfile({ projectSize: 'large', system: TWO_CORES });
    expect(cpu).toMatchObject({ profileName: 'cpu_constrained', rule: 'cpu-constrained-system', reason: 'the system is CPU-constrained (effective cores 2 < 4)' });
    // Both constrained: memory first.
    expect((await selectProfile({ system: system(2, 1) })).profileName).toBe('memory_constrained');
  });

  it("uses the probe's own systemType and rule when the system carries one", async () => {
    const probed = system(64, 256, { systemType: 'cpu_constrained', systemTypeRule: 'cgroup quota 1.5 CPUs < 4' });
    expect(await selectProfile({ system: probed })).toMatchObject({
      profileName: 'cpu_constrained', reason: 'the system is CPU-constrained (cgroup quota 1.5 CPUs < 4)',
    });
  });

  it('a requested systemType wins; "standard" requests nothing', async () => {
    expect(await selectProfile({ systemType: 'high_performance', system: TWO_CORES })).toMatchObject({ profileName: 'high_performance', rule: 'requested-system-type' });
    expect(await selectProfile({ systemType: 'standard', projectSize: 'small' })).toMatchObject({ profileName: 'small_project', rule: 'requested-project-size' });
  });

  it('a high-performance system gets high_performance for a large or unknown project only', async () => {
    expect(await selectProfile({ system: WORKSTATION })).toMatchObject({ profileName: 'high_performance', rule: 'high-performance-system' });
    expect(await selectProfile({ system: WORKSTATION, projectDir: root })).toMatchObject({ profileName: 'small_project', rule: 'project-file-count' });
    expect(await selectProfile({ system: WORKSTATION, projectSize: 'medium' })).toMatchObject({ profileName: 'medium_project' });
  });

  it('falls back to medium_project when nothing is known', async () => {
    expect(await selectProfile()).toMatchObject({ profileName: 'medium_project', rule: 'fallback', inputs: {} });
    expect(await selectProfile({ system: STANDARD })).toMatchObject({ profileName: 'medium_project', rule: 'fallback' });
  });

  it('classifies systems by the seed thresholds when no probe verdict is given', () => {
    expect(classifySystem(system(16, 32)).type).toBe('high_performance');
    expect(classifySystem(system(16, 31)).type).toBe('standard');
    expect(classifySystem(system(4, 4)).type).toBe('standard');
    expect(classifySystem(system(3, 4)).type).toBe('cpu_constrained');
    expect(classifySystem(system(8, 3.9)).type).toBe('memory_constrained');
  });

  it('lists its rules in order, the fallback last', () => {
    expect(SELECTION_RULES.map((r) => r.id)).toEqual([
      'requested-system-type', 'memory-constrained-system', 'cpu-constrained-system', 'requested-project-size',
      'high-performance-system', 'project-file-count', 'fallback',
    ]);
  });
});
