// Worker-thread task for the parallel benchmarks (loaded by tinypool from dist/parallel-task.js).

/** CPU-bound work: `iterations` rounds of an xorshift; returns the state so it cannot be optimised away. */
export default function spin(input: { iterations: number }): number {
  let x = 2463534242;
  for (let i = 0; i < input.iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x >>> 0;
}
