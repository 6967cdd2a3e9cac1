// lru-cache 11 on the interleaved workload (the reference side).
import { LRUCache } from 'lru-cache';
import { CAPACITY, side } from './workload.mjs';

export default side(new LRUCache({ max: CAPACITY }));
