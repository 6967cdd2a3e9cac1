// Worker-thread entry for tinypool: a batch of files in, their transpiled output back.
import { transformBatch, type TransformInput, type TransformOutput } from './transform.js';

export default function run(batch: readonly TransformInput[]): TransformOutput[] {
  return transformBatch(batch);
}
