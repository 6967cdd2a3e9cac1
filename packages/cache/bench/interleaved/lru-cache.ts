// lru-cache 11 on the interleaved workload (the reference side).
import { LRUCache } from 'lru-cache';
import { CAPACITY, side } from './workload.js';

export default side(new LRUCache<string, object>({ max: CAPACITY }));
