import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../errors';

/** Limits on failed logins (in-memory: one process; put a shared store in front when scaling out). */
export interface LoginRateLimits {
  /** Failures allowed per username + IP within `windowSec` (default 5). */
  perUserAndIp: number;
  /** Failures allowed per IP within `windowSec`, whatever the username (default 30). */
  perIp: number;
  /** Default 15 minutes. */
  windowSec: number;
}

const DEFAULT_LIMITS: LoginRateLimits = { perUserAndIp: 5, perIp: 30, windowSec: 15 * 60 };

/** Counts failed logins and refuses further attempts (429 with Retry-After) once a limit is reached. */
export class LoginRateLimiter {
  private readonly byUserAndIp: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;

  constructor(limits: Partial<LoginRateLimits> = {}) {
    const { perUserAndIp, perIp, windowSec } = { ...DEFAULT_LIMITS, ...limits };
    this.byUserAndIp = new RateLimiterMemory({
      keyPrefix: 'login_user_ip',
      points: perUserAndIp,
      duration: windowSec,
    });
    this.byIp = new RateLimiterMemory({ keyPrefix: 'login_ip', points: perIp, duration: windowSec });
  }

  /** @throws TooManyRequestsError when either limit is used up. */
  async assertAllowed(username: string, ip: string): Promise<void> {
    const [userAndIp, byIp] = await Promise.all([
      this.byUserAndIp.get(userKey(username, ip)),
      this.byIp.get(ip),
    ]);
    const blocked = [
      [userAndIp, this.byUserAndIp.points],
      [byIp, this.byIp.points],
    ].filter(
      ([state, points]) => state instanceof RateLimiterRes && state.consumedPoints >= (points as number),
    );
    if (blocked.length > 0) {
      const waitMs = Math.max(...blocked.map(([state]) => (state as RateLimiterRes).msBeforeNext));
      throw new TooManyRequestsError(
        'Too many failed login attempts; try again later',
        Math.max(1, waitMs / 1000),
      );
    }
  }

  /** Records one failed attempt. */
  async recordFailure(username: string, ip: string): Promise<void> {
    await Promise.all([
      this.byUserAndIp.consume(userKey(username, ip)).catch(ignoreLimitReached),
      this.byIp.consume(ip).catch(ignoreLimitReached),
    ]);
  }

  /** Forgets the username + IP failures after a successful login (the per-IP count stays). */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.byUserAndIp.delete(userKey(username, ip));
  }
}

function userKey(username: string, ip: string): string {
  return `${username.toLowerCase()}|${ip}`;
}

// consume() rejects with a RateLimiterRes once the points are used up; the next attempt is refused anyway.
function ignoreLimitReached(reason: unknown): void {
  if (!(reason instanceof RateLimiterRes)) throw reason;
}
