import { perfVitestConfig } from '../../vitest.shared.ts';

export default perfVitestConfig();
