/**
 * The API compiles each flow version once: the trigger routes ask the cache for every lead, and a
 * flow version's graph never changes (saving a new graph bumps the version).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledFlowCache } from '../../api/conversations/compiled-flow-cache';
import { compileFlow } from '../../workflows/engine';
import { flow } from '../support/flow-builder';

const hello = (text: string) => flow().start().then('message', { text }).then('end', {}).build();

/** A cache over the real compiler that counts how often it compiled. */
function countingCache(limit?: number) {
  let compiles = 0;
  const cache = new CompiledFlowCache(limit, (drawflowData) => {
    compiles += 1;
    return compileFlow(drawflowData);
  });
  return { cache, compiles: () => compiles };
}

describe('CompiledFlowCache', () => {
  it('compiles a flow version once however many runs start from it', () => {
    const { cache, compiles } = countingCache();
    const version = { id: 'f-1', version: 3, drawflowData: hello('Hi') };
    const first = cache.get(version);
    for (let i = 0; i < 5; i++) assert.equal(cache.get(version), first);
    assert.equal(compiles(), 1);
    assert.deepEqual(first.graph?.nodes['2'].data, { text: 'Hi' });
  });

  it('compiles a new version of the flow again', () => {
    const { cache, compiles } = countingCache();
    cache.get({ id: 'f-1', version: 1, drawflowData: hello('Old') });
    const edited = cache.get({ id: 'f-1', version: 2, drawflowData: hello('New') });
    assert.equal(compiles(), 2);
    assert.deepEqual(edited.graph?.nodes['2'].data, { text: 'New' });
  });

  it('keeps at most `limit` versions, dropping the least recently used', () => {
    const { cache, compiles } = countingCache(2);
    const a = { id: 'a', version: 1, drawflowData: hello('A') };
    const b = { id: 'b', version: 1, drawflowData: hello('B') };
    const c = { id: 'c', version: 1, drawflowData: hello('C') };
    cache.get(a);
    cache.get(b);
    cache.get(a); // a is now the most recently used
    cache.get(c); // drops b
    assert.equal(cache.size, 2);
    cache.get(a);
    assert.equal(compiles(), 3, 'a stayed cached');
    cache.get(b);
    assert.equal(compiles(), 4, 'b was dropped');
  });
});
