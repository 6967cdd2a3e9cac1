// W-TinyLFU (Einziger, Friedman & Manes, 2017): an LRU window in front of a segmented LRU
// main space (probation 20%, protected 80%); an entry leaving the window enters main only if
// TinyLFU's sketch says it is requested more often than main's victim. `wtinylfu` sizes the
// window by hill climbing on the hit rate, as Caffeine does; `wtinylfu-1` keeps it at 1%.
import { BasePolicy } from '../base.js';
import { IdLists } from '../lists.js';
import { NIL } from '../policy.js';
import type { PolicyOptions } from '../policy.js';
import { FrequencySketch } from '../sketch.js';

const WINDOW = 1;
const PROBATION = 2;
const PROTECTED = 3;

/** Window share of the cache at start (and always, without adaptation). */
export const WTINYLFU_WINDOW_RATIO = 0.01;
/** Protected share of the main space. */
export const WTINYLFU_PROTECTED_RATIO = 0.8;

/** Hill-climber settings of the adaptive window. */
export interface HillClimberSettings {
  /** Requests per sample, as a multiple of the capacity in entries. */
  readonly sampleFactor: number;
  /** First step, as a share of the capacity. */
  readonly stepRatio: number;
  /** Each sample's step is the previous one times this. */
  readonly decay: number;
  /** A hit-rate change at least this large restarts the step at `stepRatio`. */
  readonly restartThreshold: number;
}

/** Caffeine's simple climber uses 10, 0.0625, 0.98, 0.05; a shorter sample adapts within short traces. */
export const DEFAULT_HILL_CLIMBER: HillClimberSettings = { sampleFactor: 1, stepRatio: 0.0625, decay: 0.98, restartThreshold: 0.05 };

/** Window TinyLFU. */
export class WTinyLfuPolicy extends BasePolicy {
  private lists: IdLists;
  private readonly sketch: FrequencySketch;
  private windowMax: number;
  private protectedMax: number;
  private readonly climber: HillClimberSettings | undefined;
  private sampleHits = 0;
  private sampleRequests = 0;
  private previousHitRate = 0;
  private step: number;

  constructor(options: PolicyOptions, adaptive: boolean, climber: HillClimberSettings = DEFAULT_HILL_CLIMBER) {
    super(adaptive ? 'wtinylfu' : 'wtinylfu-1', options);
    this.lists = new IdLists(3, this.n);
    const c = this.capacity;
    const entries = this.bytes ? Math.max(16, Math.min(c / 64, 1 << 22)) : c;
    this.sketch = new FrequencySketch(entries);
    this.windowMax = this.bytes ? c * WTINYLFU_WINDOW_RATIO : Math.max(1, Math.floor(c * WTINYLFU_WINDOW_RATIO));
    this.protectedMax = this.protectedFor(this.windowMax);
    this.climber = adaptive ? climber : undefined;
    this.step = (this.climber?.stepRatio ?? 0) * c;
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
    return id < this.n && this.lists.where[id] !== 0;
  }
  remove(id: number): boolean {
    if (!this.contains(id)) return false;
    this.lists.unlink(id);
    return true;
  }

  access(id: number, size?: number): boolean {
    this.ensure(id);
    const s = this.sizeOf(size);
    const L = this.lists;
    this.sketch.increment(id);
    const where = L.where[id];
    let hit = true;
    if (where !== 0 && s !== L.w[id]) {
      this.resized(id, s);
    } else if (where === WINDOW) {
      L.moveToHead(WINDOW, id);
    } else if (where === PROBATION) {
      L.moveToHead(PROTECTED, id);
      this.demoteProtected();
    } else if (where === PROTECTED) {
      L.moveToHead(PROTECTED, id);
    } else {
      hit = false;
      if (s > this.capacity) this.onEvict?.(id);
      else {
        L.pushHead(WINDOW, id, s);
        this.evictEntries();
      }
    }
    if (this.climber !== undefined) this.climb(hit);
    return hit;
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
      else if (candidate === NIL || candidate === victim || L.where[candidate] !== PROBATION) loser = victim;
      else loser = this.sketch.frequency(candidate) > this.sketch.frequency(victim) ? victim : candidate;
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

  /** Hill climbing: keep moving the window size in the direction that raised the hit rate. */
  private climb(hit: boolean): void {
    const climber = this.climber!;
    if (hit) this.sampleHits++;
    if (++this.sampleRequests < climber.sampleFactor * this.capacityEntries()) return;
    const hitRate = this.sampleHits / this.sampleRequests;
    const change = hitRate - this.previousHitRate;
    const amount = change >= 0 ? this.step : -this.step;
    const base = climber.stepRatio * this.capacity;
    this.step = Math.abs(change) >= climber.restartThreshold ? (amount >= 0 ? base : -base) : climber.decay * amount;
    this.previousHitRate = hitRate;
    this.sampleHits = 0;
    this.sampleRequests = 0;
    this.resizeWindow(amount);
  }

  private capacityEntries(): number {
    return this.bytes ? Math.max(16, this.size) : this.capacity;
  }

  private resizeWindow(amount: number): void {
    const c = this.capacity;
    const min = this.bytes ? 0 : 1;
    let next = this.windowMax + (this.bytes ? amount : Math.round(amount));
    next = Math.min(Math.max(next, min), this.bytes ? c : c - 1);
    if (next === this.windowMax) return;
    this.windowMax = next;
    this.protectedMax = this.protectedFor(next);
    const L = this.lists;
    // A smaller window hands its LRU entries to probation; a larger one takes from main as main fills.
    while (L.weight[WINDOW] > this.windowMax && L.len[WINDOW] > 0) L.moveToHead(PROBATION, L.tail[WINDOW]);
    this.demoteProtected();
  }
}
