// Gives the tests a Redis: REDIS_URL when set (CI starts one), else a private redis-server.
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let server: RedisServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.REDIS_URL;
  if (url === undefined || url === '') {
    server = await startRedisServer();
    url = server.url;
  }
  project.provide('redisUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
