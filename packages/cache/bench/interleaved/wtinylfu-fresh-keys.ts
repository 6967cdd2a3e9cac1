// The memory level with policy 'wtinylfu' on the interleaved workload with a new key string per request.
import { MemoryLevel } from '../../src/index.js';
import { CAPACITY, freshKeysSide } from './workload.js';

export default freshKeysSide(new MemoryLevel({ maxEntries: CAPACITY, policy: 'wtinylfu' }));
