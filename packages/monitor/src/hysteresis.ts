// The alert state machine: pure, one step per window, so a driven sequence gives exact events.
import type { AlertDirection } from './types.js';

/** How an alert avoids flapping when a value hovers at its threshold. */
export interface HysteresisOptions {
  /** Consecutive breaching windows before an alert is raised. @default 2 */
  raiseAfter: number;
  /** Consecutive clear windows before a raised alert is resolved. @default 2 */
  clearAfter: number;
  /**
   * To count as clear, the value must be back past the threshold by this fraction of the threshold:
   * `above` rules clear at or below `threshold × (1 − clearMargin)`, `below` rules at or above
   * `threshold × (1 + clearMargin)`. Values between that and the threshold hold the current state.
   * @default 0.1
   */
  clearMargin: number;
}

export const DEFAULT_RAISE_AFTER = 2;
export const DEFAULT_CLEAR_AFTER = 2;
export const DEFAULT_CLEAR_MARGIN = 0.1;

export const DEFAULT_HYSTERESIS: HysteresisOptions = {
  raiseAfter: DEFAULT_RAISE_AFTER,
  clearAfter: DEFAULT_CLEAR_AFTER,
  clearMargin: DEFAULT_CLEAR_MARGIN,
};

export interface AlertState {
  active: boolean;
  /** Consecutive breaching windows while not active. */
  breachStreak: number;
  /** Consecutive clear windows while active. */
  clearStreak: number;
}

export const INITIAL_ALERT_STATE: AlertState = { active: false, breachStreak: 0, clearStreak: 0 };

export interface AlertStep {
  state: AlertState;
  transition: 'raised' | 'resolved' | null;
}

/** The value at or past which an active alert counts a window as clear. */
export function clearLevel(threshold: number, direction: AlertDirection, clearMargin: number): number {
  return direction === 'above' ? threshold * (1 - clearMargin) : threshold * (1 + clearMargin);
}

/**
 * One window of one alert. An undefined or NaN value (no data this window, e.g. a cache with no
 * lookups) leaves the state as it is. While inactive, a breach extends the streak and anything
 * else resets it (like Prometheus' `for:`); while active, a clear value extends the clear streak
 * and anything else (a breach or a value in the margin) resets it.
 */
export function stepAlert(
  state: AlertState,
  value: number | undefined,
  threshold: number,
  direction: AlertDirection,
  options: HysteresisOptions,
): AlertStep {
  if (value === undefined || Number.isNaN(value)) return { state, transition: null };
  const breach = direction === 'above' ? value > threshold : value < threshold;
  if (!state.active) {
    const breachStreak = breach ? state.breachStreak + 1 : 0;
    if (breachStreak >= options.raiseAfter) {
      return { state: { active: true, breachStreak: 0, clearStreak: 0 }, transition: 'raised' };
    }
    return { state: { active: false, breachStreak, clearStreak: 0 }, transition: null };
  }
  const level = clearLevel(threshold, direction, options.clearMargin);
  const clear = direction === 'above' ? value <= level : value >= level;
  const clearStreak = clear ? state.clearStreak + 1 : 0;
  if (clearStreak >= options.clearAfter) {
    return { state: { active: false, breachStreak: 0, clearStreak: 0 }, transition: 'resolved' };
  }
  return { state: { active: true, breachStreak: 0, clearStreak }, transition: null };
}
