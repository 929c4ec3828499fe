/** The per-number token bucket, on a clock the test controls. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSendPacer } from '../../activities/whatsapp/send-pacer';

/** A clock where `sleep` advances time instantly and records when each caller was let through. */
function createVirtualClock() {
  let now = 0;
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('createSendPacer', () => {
  it('spaces sends of one number by 1/rate, so no one-second window exceeds the rate', async () => {
    const clock = createVirtualClock();
    const pacer = createSendPacer({ defaultRatePerSecond: 80, now: clock.now, sleep: clock.sleep });
    const sentAt: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      clock.set(0); // every caller arrives at once
      await pacer.acquire('number-a');
      sentAt.push(clock.now());
    }
    assert.equal(sentAt[1] - sentAt[0], 12.5);
    for (let start = 0; start < 5000; start += 1) {
      const inWindow = sentAt.filter((t) => t >= start && t < start + 1000).length;
      assert.ok(inWindow <= 80, `${inWindow} sends in [${start}, ${start + 1000})`);
    }
    assert.equal(sentAt.at(-1), 399 * 12.5);
  });

  it('keeps numbers independent and honours each number’s own rate', async () => {
    const waits: number[] = [];
    const pacer = createSendPacer({
      defaultRatePerSecond: 80,
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await pacer.acquire('a', 1000);
    await pacer.acquire('a', 1000);
    await pacer.acquire('b');
    await pacer.acquire('b');
    assert.deepEqual(waits, [1, 12.5]);
  });

  it('lets sends through without delay while the number stays under its rate', async () => {
    const clock = createVirtualClock();
    let slept = 0;
    const pacer = createSendPacer({
      defaultRatePerSecond: 10,
      now: clock.now,
      sleep: async (ms) => {
        slept += ms;
      },
    });
    for (let i = 0; i < 20; i += 1) {
      clock.set(i * 100);
      await pacer.acquire('a');
    }
    assert.equal(slept, 0);
  });

  it('allows a configured burst, then paces', async () => {
    const waits: number[] = [];
    const pacer = createSendPacer({
      defaultRatePerSecond: 100,
      burst: 3,
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    for (let i = 0; i < 5; i += 1) await pacer.acquire('a');
    assert.deepEqual(waits, [10, 20]);
  });

  it('rejects a waiting caller whose signal aborts, with the real sleep', async () => {
    const pacer = createSendPacer({ defaultRatePerSecond: 1 });
    await pacer.acquire('a');
    const controller = new AbortController();
    const waiting = pacer.acquire('a', undefined, controller.signal);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
  });
});
