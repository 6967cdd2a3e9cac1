// lru-cache 11 on the interleaved workload with a new key string per request (the reference side).
import { LRUCache } from 'lru-cache';
import { CAPACITY, freshKeysSide } from './workload.js';

export default freshKeysSide(new LRUCache<string, object>({ max: CAPACITY }));
