// The memory level with policy 'wtinylfu' on the interleaved workload.
import { MemoryLevel } from '../../src/index.js';
import { CAPACITY, side } from './workload.js';

export default side(new MemoryLevel({ maxEntries: CAPACITY, policy: 'wtinylfu' }));
