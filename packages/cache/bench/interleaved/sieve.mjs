// The memory level with policy 'sieve' on the interleaved workload.
import { MemoryLevel } from '../../dist/index.js';
import { CAPACITY, side } from './workload.mjs';

export default side(new MemoryLevel({ maxEntries: CAPACITY, policy: 'sieve' }));
