/**
 * Fixed-window request counters per key, in this process's memory (docs/security.md "Limits":
 * several processes need a shared store). Owns: counting and the retry-after time.
 * Must never: grow without bound (expired windows are swept as new ones start).
 */
import type { RateLimitRule } from './security.config.js';

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the window resets (0 when allowed). */
  retryAfterSeconds: number;
  remaining: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, rule: RateLimitRule): RateDecision {
    const now = this.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + rule.windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= rule.limit) return { allowed: true, retryAfterSeconds: 0, remaining: rule.limit - w.count };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)), remaining: 0 };
  }

  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 10_000;
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
