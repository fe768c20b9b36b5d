/** Time comes from here, never from `new Date()` in business code, so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and tools: starts at `start` and moves only when told. */
export function fixedClock(start: Date | string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (to: Date | string) => {
      t = new Date(to).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}
