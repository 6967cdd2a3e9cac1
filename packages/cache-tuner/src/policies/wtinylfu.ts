// W-TinyLFU (Einziger, Friedman & Manes, 2017): an LRU window in front of a segmented LRU
// main space (probation 20%, protected 80%); an entry leaving the window enters main only if
// TinyLFU's sketch says it is requested more often than main's victim. `wtinylfu` sizes the
// window by hill climbing on the hit rate, as Caffeine does; `wtinylfu-1` keeps it at 1%.
// Each id's links, list and key's sketch hash sit in one 16-byte record of PackedLists, indexed by the id
// itself: a hit reads one record (and its neighbours'), where a slot table in front of compact
// records cost one more random read per request (measured: see PackedLists). The records grow
// with the largest id, as every other policy's per-id arrays do.
import { BasePolicy } from '../base.js';
import { PackedLists } from '../lists.js';
import { growInt32, NIL } from '../policy.js';
import type { PolicyOptions } from '../policy.js';
import { IntIdMap } from '../int-map.js';
import { FrequencySketch, sketchHash } from '../sketch.js';

const WINDOW = 1;
const PROBATION = 2;
const PROTECTED = 3;

/** Window share of the cache at start (and always, without adaptation). */
export const WTINYLFU_WINDOW_RATIO = 0.01;
/** Protected share of the main space. */
export const WTINYLFU_PROTECTED_RATIO = 0.8;

/** Settings of the window climber (paired hill climbing on two shadow caches). */
export interface HillClimberSettings {
  /**
   * Entries each shadow cache holds: `max(shadowEntries, shadowShare × the cache's entries)`, up to
   * the cache's own size. The shadows see the keys whose hash falls in that share of the key space,
   * so the climber's work per request is about twice that share of the cache's.
   */
  readonly shadowEntries: number;
  readonly shadowShare: number;
  /** First step, as a share of the capacity. */
  readonly initialStep: number;
  /** Smallest step. */
  readonly minStep: number;
  /** Each period's step is the previous one times this (down to `minStep`). */
  readonly decay: number;
  /** Sampled requests per period, as a multiple of the shadow capacity. */
  readonly periodFactor: number;
  /** Window share at start. */
  readonly initialShare: number;
}

/**
 * Defaults of the climber. Caffeine's own climber compares the hit rate of consecutive
 * samples of the real cache; on short traces with phases that signal is mostly noise, so
 * here each step compares two shadow caches (window share f - step and f + step) over the
 * same sampled requests and moves f toward the better one.
 */
export const DEFAULT_HILL_CLIMBER: HillClimberSettings = { shadowEntries: 256, shadowShare: 1 / 32, initialStep: 0.25, minStep: 0.02, decay: 0.9, periodFactor: 2, initialShare: 0.5 };
/** Average object size assumed in byte mode to size the shadows. */
const ASSUMED_OBJECT_BYTES = 4096;

/** Multiplier that picks the sampled keys from their (already mixed) sketch hash, apart from the bits the sketch itself uses. */
const SAMPLE_MULTIPLIER = 0x2545f491;

/**
 * Moves a W-TinyLFU window share toward whichever of two shadow caches hits more. The
 * shadows see the requests whose key hash falls in the sampled share; they give those keys
 * their own dense ids, recycled once neither shadow holds the key, so the climber depends on
 * key hashes only (a runtime cache may recycle its ids).
 */
class WindowClimber {
  private readonly lo: WTinyLfuPolicy;
  private readonly hi: WTinyLfuPolicy;
  private readonly sketch: FrequencySketch;
  private readonly threshold: number;
  private readonly period: number;
  /** Sampled key hash → shadow id, for keys one of the shadows holds. */
  private readonly shadowIds: IntIdMap;
  /** Key hash of each shadow id handed out. */
  private keyOf: Int32Array;
  private idsUsed = 0;
  /** Released shadow ids (a stack). */
  private freeIds: Int32Array;
  private freeTop = 0;
  /** The shadow id being accessed (not released by an eviction during its own access). */
  private current = -1;
  private hitsLo = 0;
  private hitsHi = 0;
  private seen = 0;
  private step: number;
  fraction: number;

  constructor(
    private readonly settings: HillClimberSettings,
    capacity: number,
    bytes: boolean,
  ) {
    const entries = bytes ? capacity / ASSUMED_OBJECT_BYTES : capacity;
    const shadowEntries = Math.max(settings.shadowEntries, settings.shadowShare * entries);
    const rate = Math.min(1, shadowEntries / Math.max(1, entries));
    this.threshold = rate * 2 ** 32;
    const shadowCapacity = bytes ? capacity * rate : Math.max(2, Math.round(capacity * rate));
    const unit = bytes ? 'bytes' : 'objects';
    // Both shadows see the same requests, so their sketches would always be equal: they share one, counted once here.
    this.sketch = sketchFor(shadowCapacity, bytes);
    this.lo = new WTinyLfuPolicy({ capacity: shadowCapacity, unit, onEvict: (sid) => this.evicted(sid, this.hi) }, false, DEFAULT_HILL_CLIMBER, this.sketch);
    this.hi = new WTinyLfuPolicy({ capacity: shadowCapacity, unit, onEvict: (sid) => this.evicted(sid, this.lo) }, false, DEFAULT_HILL_CLIMBER, this.sketch);
    this.period = Math.max(64, settings.periodFactor * (bytes ? shadowEntries : shadowCapacity));
    // Both shadows together hold at most twice a shadow's entries (byte mode: about as many as fit).
    const held = Math.ceil(2 * (bytes ? shadowEntries : shadowCapacity)) + 1;
    this.shadowIds = new IntIdMap(held);
    this.keyOf = new Int32Array(held);
    this.freeIds = new Int32Array(held);
    this.step = settings.initialStep;
    this.fraction = settings.initialShare;
    this.place();
  }

  private place(): void {
    this.lo.setWindowShare(Math.max(0, this.fraction - this.step));
    this.hi.setWindowShare(Math.min(1, this.fraction + this.step));
  }

  /** A shadow dropped `sid`: its id is free once the other shadow does not hold it either. */
  private evicted(sid: number, other: WTinyLfuPolicy): void {
    if (sid !== this.current && !other.contains(sid)) this.release(sid);
  }

  private release(sid: number): void {
    this.shadowIds.delete(this.keyOf[sid]);
    this.freeIds[this.freeTop++] = sid;
  }

  /** A shadow id for a key the shadows do not hold. */
  private newId(key: number): number {
    let sid: number;
    if (this.freeTop > 0) sid = this.freeIds[--this.freeTop];
    else {
      sid = this.idsUsed++;
      if (sid === this.keyOf.length) {
        this.keyOf = growInt32(this.keyOf, 2 * sid);
        this.freeIds = growInt32(this.freeIds, 2 * sid);
      }
    }
    this.keyOf[sid] = key;
    this.shadowIds.add(key, sid);
    return sid;
  }

  /** Whether requests of the key whose sketch hash is `h` are fed to the shadows. */
  samples(h: number): boolean {
    return Math.imul(h, SAMPLE_MULTIPLIER) >>> 0 < this.threshold;
  }

  /** Feeds a request of a sampled key (see `samples`); returns true when the window share changed. */
  record(key: number, size: number | undefined): boolean {
    let sid = this.shadowIds.get(key);
    if (sid < 0) sid = this.newId(key);
    this.current = sid;
    this.sketch.increment(key);
    if (this.lo.access(sid, size, key)) this.hitsLo++;
    if (this.hi.access(sid, size, key)) this.hitsHi++;
    this.current = -1;
    if (!this.lo.contains(sid) && !this.hi.contains(sid)) this.release(sid);
    if (++this.seen < this.period) return false;
    const before = this.fraction;
    // One expression for both directions (and none): a branch the priming never took (the larger window winning) had no type feedback, and its first use deoptimized `record` (--trace-deopt).
    this.fraction = Math.min(1, Math.max(0, this.fraction + Math.sign(this.hitsHi - this.hitsLo) * this.step));
    this.step = Math.max(this.settings.minStep, this.step * this.settings.decay);
    this.hitsLo = 0;
    this.hitsHi = 0;
    this.seen = 0;
    this.place();
    return this.fraction !== before;
  }
}

/** The sketch of a cache of `capacity` (in bytes: sized for objects of 64 bytes, up to 2^22 of them). */
function sketchFor(capacity: number, bytes: boolean): FrequencySketch {
  return new FrequencySketch(bytes ? Math.max(16, Math.min(capacity / 64, 1 << 22)) : capacity);
}

let primed = false;

/**
 * Runs every path of the policy (hits in each segment, admissions and rejections, the sketch's
 * aging, the climber's moves, byte mode) on two tiny throwaway instances, once per process. V8
 * optimizes the hot code after a few thousand requests; a path it has not yet seen then (the
 * first aging after 10 × capacity requests, the first window move) deoptimizes it, and in a
 * fresh process those deoptimizations kept the first few hundred thousand requests slow
 * (seen with --trace-deopt). Other instances' decisions are unaffected.
 */
function primeTypeFeedback(): void {
  primed = true;
  for (const unit of ['objects', 'bytes'] as const) {
    const policy = new WTinyLfuPolicy({ capacity: unit === 'bytes' ? 64 : 8, unit, onEvict: () => {} }, true);
    for (let i = 0; i < 3000; i++) {
      const id = i % 3 === 0 ? i % 5 : (i * 7919) % 61;
      policy.access(id, 1 + (i % 7), id * 31);
    }
    policy.remove(1);
  }
}

/** Window TinyLFU. */
export class WTinyLfuPolicy extends BasePolicy {
  /** The three lists, over ids; each id's payload is the `sketchHash` of its key (of the id, unless `access` was given a key hash), computed once on admission: the sketch and the climber count it. */
  private lists: PackedLists;
  private readonly sketch: FrequencySketch;
  /** False when the sketch is another policy's, which counts the requests (the climber's shadows). */
  private readonly countsRequests: boolean;
  private windowMax: number;
  private protectedMax: number;
  private readonly climber: WindowClimber | undefined;

  /** `sharedSketch`: count in this sketch, which its owner increments (for shadows that see the same requests). */
  constructor(options: PolicyOptions, adaptive: boolean, climber: HillClimberSettings = DEFAULT_HILL_CLIMBER, sharedSketch?: FrequencySketch) {
    super(adaptive ? 'wtinylfu' : 'wtinylfu-1', options);
    if (!primed) primeTypeFeedback();
    this.lists = new PackedLists(3, this.n, this.bytes);
    const c = this.capacity;
    this.sketch = sharedSketch ?? sketchFor(c, this.bytes);
    this.countsRequests = sharedSketch === undefined;
    this.windowMax = this.bytes ? c * WTINYLFU_WINDOW_RATIO : Math.max(1, Math.floor(c * WTINYLFU_WINDOW_RATIO));
    this.protectedMax = this.protectedFor(this.windowMax);
    this.climber = adaptive ? new WindowClimber(climber, c, this.bytes) : undefined;
    if (this.climber !== undefined) this.setWindowShare(this.climber.fraction);
  }

  private protectedFor(windowMax: number): number {
    const main = this.capacity - windowMax;
    return this.bytes ? main * WTINYLFU_PROTECTED_RATIO : Math.floor(main * WTINYLFU_PROTECTED_RATIO);
  }

  /** Current window size (in the capacity's unit). */
  get windowSize(): number {
    return this.windowMax;
  }
  get size(): number {
    const L = this.lists;
    return L.len[WINDOW] + L.len[PROBATION] + L.len[PROTECTED];
  }
  get used(): number {
    const L = this.lists;
    return L.weight[WINDOW] + L.weight[PROBATION] + L.weight[PROTECTED];
  }
  protected grow(n: number): void {
    this.lists.grow(n);
  }
  contains(id: number): boolean {
    return id < this.n && this.lists.where(id) !== 0;
  }
  remove(id: number): boolean {
    if (!this.contains(id)) return false;
    this.lists.unlink(id);
    return true;
  }

  /** `keyHash`: a stable hash of the request's key, counted instead of the id by the sketch and the climber (read only when `id` is not resident). @default id */
  access(id: number, size?: number, keyHash?: number): boolean {
    if (id >= this.n) this.ensure(id);
    const L = this.lists;
    const where = L.where(id);
    // The common request, a hit in entry mode, stays small enough for V8 to inline its calls.
    if (where === 0 || this.bytes) return this.admitOrResize(id, where, size, keyHash);
    const h = L.payload(id);
    if (this.countsRequests) this.sketch.incrementHash(h);
    this.touch(where, id);
    this.feedClimber(h, size);
    return true;
  }

  /** A miss, or any request in byte mode (whose size may have changed). */
  private admitOrResize(id: number, where: number, size: number | undefined, keyHash: number | undefined): boolean {
    const s = this.sizeOf(size);
    const L = this.lists;
    const h = where !== 0 ? L.payload(id) : sketchHash((keyHash ?? id) | 0);
    if (this.countsRequests) this.sketch.incrementHash(h);
    const hit = where !== 0;
    if (hit && s !== L.weightOf(id)) {
      // A resized entry arrives again, with its new size, as a miss would (counted once).
      L.unlink(id);
      where = 0;
    }
    if (where === 0) {
      if (s > this.capacity) this.onEvict?.(id);
      else {
        L.setPayload(id, h);
        L.pushHead(WINDOW, id, s);
        this.evictEntries();
      }
    } else {
      this.touch(where, id);
    }
    this.feedClimber(h, size);
    return hit;
  }

  /** A hit of a resident id in segment `where`: to the head of its segment; from probation, into protected. */
  private touch(where: number, id: number): void {
    const L = this.lists;
    if (where === PROBATION) {
      L.moveToHead(PROTECTED, id);
      this.demoteProtected();
    } else {
      L.moveToHead(where, id);
    }
  }

  /** Passes a sampled request (key's sketch hash `h`) to the climber (most are not sampled: the test is inlined, the climb is not). */
  private feedClimber(h: number, size: number | undefined): void {
    const climber = this.climber;
    if (climber !== undefined && climber.samples(h) && climber.record(h, size)) this.setWindowShare(climber.fraction);
  }

  /** Protected over its share: its LRU entries go back to probation. */
  private demoteProtected(): void {
    const L = this.lists;
    while (L.weight[PROTECTED] > this.protectedMax && L.len[PROTECTED] > 0) L.moveToHead(PROBATION, L.tail[PROTECTED]);
  }

  /** Moves window overflow to main; while over capacity, the newest arrival duels main's victim on frequency. */
  private evictEntries(): void {
    const L = this.lists;
    let candidate = NIL;
    while (L.weight[WINDOW] > this.windowMax && L.len[WINDOW] > 0) {
      candidate = L.tail[WINDOW];
      L.moveToHead(PROBATION, candidate);
    }
    while (this.used > this.capacity) {
      const victim = this.mainVictim();
      let loser: number;
      if (victim === NIL) loser = L.tail[WINDOW];
      else if (candidate === NIL || candidate === victim || L.where(candidate) !== PROBATION) loser = victim;
      else loser = this.sketch.frequencyOfHash(L.payload(candidate)) > this.sketch.frequencyOfHash(L.payload(victim)) ? victim : candidate;
      if (loser === candidate) candidate = NIL;
      L.unlink(loser);
      this.onEvict?.(loser);
    }
  }

  private mainVictim(): number {
    const L = this.lists;
    if (L.len[PROBATION] > 0) return L.tail[PROBATION];
    if (L.len[PROTECTED] > 0) return L.tail[PROTECTED];
    return NIL;
  }

  /** Sets the window to `share` of the capacity (0..1; at least one entry, and main keeps one). */
  setWindowShare(share: number): void {
    const c = this.capacity;
    let next = this.bytes ? c * share : Math.round(c * share);
    next = this.bytes ? Math.min(Math.max(next, 0), c) : Math.min(Math.max(next, 1), Math.max(1, c - 1));
    if (next === this.windowMax) return;
    this.windowMax = next;
    this.protectedMax = this.protectedFor(next);
    const L = this.lists;
    // A smaller window hands its LRU entries to probation; a larger one takes from main as main fills.
    while (L.weight[WINDOW] > this.windowMax && L.len[WINDOW] > 0) L.moveToHead(PROBATION, L.tail[WINDOW]);
    this.demoteProtected();
  }
}
