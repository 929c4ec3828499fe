import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../errors';
import { toClientAddressKey } from './client-address-key';

/**
 * Budgets of failed logins (in memory: one process; put a shared store in front when scaling out).
 * The README's "Login limits" section explains the design; keep both in step.
 */
export interface LoginRateLimits {
  /** Failures allowed per username + address within `windowSec` (default 5). */
  perUserAndIp: number;
  /** Failures allowed per address within `windowSec`, whatever the username (default 30). */
  perIp: number;
  /** Failures allowed per username within `userWindowSec`, whatever the address (default 10). */
  perUser: number;
  /** Window of the per-pair and per-address budgets; default 15 minutes. */
  windowSec: number;
  /** Window of the per-username budget, short so a victim it blocks waits little; default 5 minutes. */
  userWindowSec: number;
  /** How long a username + address pair that logged in stays exempt from the wider budgets; default 7 days. */
  knownPairSec: number;
}

const DEFAULT_LIMITS: LoginRateLimits = {
  perUserAndIp: 5,
  perIp: 30,
  perUser: 10,
  windowSec: 15 * 60,
  userWindowSec: 5 * 60,
  // Node timers overflow past ~24.8 days, and the memory store expires keys with one timer each.
  knownPairSec: 7 * 24 * 60 * 60,
};

/** A reserved login attempt: call {@link LoginAttempt.succeeded} once the password matched. */
export interface LoginAttempt {
  /** Gives back the reserved points and remembers the username + address as one that logs in. */
  succeeded(): Promise<void>;
}

/**
 * Budgets failed logins three ways: per username + address, per address (password spraying) and per
 * username across addresses (guessing spread over many addresses). A point is reserved in each
 * before the password is checked, so concurrent guesses cannot all slip past a check made before
 * any failure was recorded; a right password gives its points back.
 *
 * A username + address pair that logged in before is exempt from the per-address and per-username
 * budgets (only its own pair budget applies), so an attacker cannot lock a user out of an address
 * they use by burning those wider budgets from elsewhere or from behind the same NAT.
 */
export class LoginRateLimiter {
  private readonly byUserAndIp: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;
  private readonly byUser: RateLimiterMemory;
  private readonly knownPairs: RateLimiterMemory;
  private readonly knownPairSec: number;

  constructor(limits: Partial<LoginRateLimits> = {}) {
    const { perUserAndIp, perIp, perUser, windowSec, userWindowSec, knownPairSec } = {
      ...DEFAULT_LIMITS,
      ...limits,
    };
    this.byUserAndIp = new RateLimiterMemory({
      keyPrefix: 'login_user_ip',
      points: perUserAndIp,
      duration: windowSec,
    });
    this.byIp = new RateLimiterMemory({ keyPrefix: 'login_ip', points: perIp, duration: windowSec });
    this.byUser = new RateLimiterMemory({
      keyPrefix: 'login_user',
      points: perUser,
      duration: userWindowSec,
    });
    this.knownPairs = new RateLimiterMemory({ keyPrefix: 'login_known', points: 1, duration: knownPairSec });
    this.knownPairSec = knownPairSec;
  }

  /**
   * Reserves one failure's worth of every budget that applies, narrowest first; a refused
   * reservation gives back what it took, so requests refused for their own pair or address never
   * spend the per-username budget the victim shares.
   * @throws TooManyRequestsError (with Retry-After) when a budget is used up.
   */
  async reserveAttempt(username: string, ip: string): Promise<LoginAttempt> {
    const address = toClientAddressKey(ip);
    const user = username.toLowerCase();
    const pair = `${user}|${address}`;
    const known = (await this.knownPairs.get(pair)) !== null;
    const budgets: [RateLimiterMemory, string][] = known
      ? [[this.byUserAndIp, pair]]
      : [
          [this.byUserAndIp, pair],
          [this.byIp, address],
          [this.byUser, user],
        ];
    const taken: [RateLimiterMemory, string][] = [];
    for (const [limiter, key] of budgets) {
      try {
        await limiter.consume(key);
      } catch (reason) {
        if (!(reason instanceof RateLimiterRes)) throw reason;
        await giveBack(taken);
        throw new TooManyRequestsError(
          'Too many failed login attempts; try again later',
          Math.max(1, reason.msBeforeNext / 1000),
        );
      }
      taken.push([limiter, key]);
    }
    return {
      succeeded: async () => {
        // The pair starts afresh (as before); the wider budgets only lose this attempt's point.
        await Promise.all([
          this.byUserAndIp.delete(pair),
          giveBack(taken.slice(1)),
          this.knownPairs.set(pair, 0, this.knownPairSec),
        ]);
      },
    };
  }
}

async function giveBack(taken: [RateLimiterMemory, string][]): Promise<void> {
  await Promise.all(taken.map(([limiter, key]) => limiter.reward(key)));
}
