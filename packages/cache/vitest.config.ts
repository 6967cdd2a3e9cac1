import { perfVitestConfig } from '../../vitest.shared.ts';

export default perfVitestConfig({ globalSetup: ['./test/global-setup.ts'] });
