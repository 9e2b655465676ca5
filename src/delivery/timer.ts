// Pacing time for the dispatcher: the clock plus a way to wait. Production waits for real; tests
// use VirtualTimer, whose sleep advances the FakeClock, so rate-limit tests never depend on how
// fast the machine is.
import type { Clock } from "../clock.js";
import { type FakeClock } from "../clock.js";

export interface Timer {
  /** epoch milliseconds */
  now(): number;
  /** resolves after ms (early when the signal aborts) */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function clockTimer(clock: Clock): Timer {
  return {
    now: () => clock.now().getTime(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (ms <= 0 || signal?.aborted) return resolve();
        const done = () => {
          clearTimeout(handle);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const handle = setTimeout(done, ms);
        signal?.addEventListener("abort", done, { once: true });
      }),
  };
}

/** Sleeping moves a FakeClock forward instantly: a 10-minute rate-limit schedule runs in milliseconds. */
export class VirtualTimer implements Timer {
  /** total virtual time slept, for assertions */
  slept = 0;
  constructor(readonly clock: FakeClock) {}
  now(): number {
    return this.clock.now().getTime();
  }
  async sleep(ms: number): Promise<void> {
    if (ms > 0) {
      this.clock.advance(ms);
      this.slept += ms;
    }
    // yield so concurrent sends interleave as they would in real time
    await Promise.resolve();
  }
}
