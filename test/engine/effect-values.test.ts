import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAiReplyEffectValue, isAiRouterEffectValue, isHttpEffectValue } from '../../workflows/engine';

describe('effect result guards (what a resumer accepts from an activity)', () => {
  const cases: [string, (value: unknown) => boolean, unknown, boolean][] = [
    ['http: status and JSON body', isHttpEffectValue, { status: 200, body: { id: 1 } }, true],
    ['http: text body', isHttpEffectValue, { status: 404, body: 'not found' }, true],
    ['http: no body', isHttpEffectValue, { status: 204 }, true],
    ['http: status as a string', isHttpEffectValue, { status: '200', body: null }, false],
    ['http: status NaN', isHttpEffectValue, { status: Number.NaN, body: null }, false],
    ['http: an array', isHttpEffectValue, [200], false],
    ['http: null', isHttpEffectValue, null, false],
    ['ai_reply: text', isAiReplyEffectValue, { text: 'Hello' }, true],
    ['ai_reply: text missing', isAiReplyEffectValue, { answer: 'Hello' }, false],
    ['ai_reply: text not a string', isAiReplyEffectValue, { text: 42 }, false],
    ['ai_router: an intent', isAiRouterEffectValue, { intent: 'buy' }, true],
    ['ai_router: no intent fits', isAiRouterEffectValue, { intent: null }, true],
    ['ai_router: intent missing', isAiRouterEffectValue, {}, false],
    ['ai_router: intent a number', isAiRouterEffectValue, { intent: 3 }, false],
  ];
  for (const [label, guard, value, expected] of cases) {
    it(`${label} → ${expected ? 'accepted' : 'refused'}`, () => {
      assert.equal(guard(value), expected);
    });
  }
});
