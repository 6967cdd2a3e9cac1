// The file operations the disk level uses: node:fs/promises by default, replaceable (tests
// inject faults such as ENOSPC or EROFS through this seam).
import * as fsp from 'node:fs/promises';

export interface DiskFs {
  readFile(path: string): Promise<Buffer>;
  /** Creates `path` exclusively with `data`; fsyncs it first when `durable`. */
  writeNew(path: string, data: Uint8Array, durable: boolean): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<{ size: number; mtimeMs: number }>;
  utimes(path: string, timeMs: number): Promise<void>;
  appendFile(path: string, data: string): Promise<void>;
  rm(path: string): Promise<void>;
  /** fsyncs a directory (after a rename, for durability). */
  syncDir(path: string): Promise<void>;
}

export const nodeDiskFs: DiskFs = {
  readFile: (path) => fsp.readFile(path),
  async writeNew(path, data, durable) {
    const handle = await fsp.open(path, 'wx');
    try {
      await handle.writeFile(data);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
  readdir: (path) => fsp.readdir(path),
  stat: (path) => fsp.stat(path),
  utimes: (path, timeMs) => fsp.utimes(path, timeMs / 1000, timeMs / 1000),
  appendFile: (path, data) => fsp.appendFile(path, data),
  rm: (path) => fsp.rm(path, { recursive: true, force: true }),
  async syncDir(path) {
    const handle = await fsp.open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};
