/**
 * The API compiles each published flow revision once: the trigger routes ask the cache for every
 * lead, and a revision's graph never changes (an edit publishes a new revision).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledFlowCache } from '../../api/conversations/compiled-flow-cache';
import { compileFlow } from '../../workflows/engine';
import { flow } from '../support/flow-builder';

const hello = (text: string) => flow().start().then('message', { text }).then('end', {}).build();

/** A cache over the real compiler that counts how often it loaded a graph. */
function countingCache(limit?: number) {
  let loads = 0;
  const cache = new CompiledFlowCache(limit, compileFlow);
  const get = (flowId: string, revision: number, text = `${flowId}:${revision}`) =>
    cache.get({ flowId, revision }, async () => {
      loads += 1;
      return hello(text);
    });
  return { cache, get, loads: () => loads };
}

describe('CompiledFlowCache', () => {
  it('loads and compiles a revision once however many runs start from it, concurrently or not', async () => {
    const { get, loads } = countingCache();
    const [first, ...others] = await Promise.all([1, 2, 3].map(() => get('f-1', 3, 'Hi')));
    for (const other of others) assert.equal(other, first);
    assert.equal(await get('f-1', 3, 'Hi'), first);
    assert.equal(loads(), 1);
    assert.deepEqual(first.graph?.nodes['2'].data, { text: 'Hi' });
  });

  it('compiles a new revision of the flow again', async () => {
    const { get, loads } = countingCache();
    await get('f-1', 1, 'Old');
    const edited = await get('f-1', 2, 'New');
    assert.equal(loads(), 2);
    assert.deepEqual(edited.graph?.nodes['2'].data, { text: 'New' });
  });

  it('does not remember a load that failed', async () => {
    const { cache, get, loads } = countingCache();
    await assert.rejects(
      cache.get({ flowId: 'f-1', revision: 1 }, () => Promise.reject(new Error('database down'))),
      /database down/,
    );
    assert.equal(cache.size, 0);
    await get('f-1', 1);
    assert.equal(loads(), 1);
  });

  it('keeps at most `limit` revisions, dropping the least recently used', async () => {
    const { cache, get, loads } = countingCache(2);
    await get('a', 1);
    await get('b', 1);
    await get('a', 1); // a is now the most recently used
    await get('c', 1); // drops b
    assert.equal(cache.size, 2);
    await get('a', 1);
    assert.equal(loads(), 3, 'a stayed cached');
    await get('b', 1);
    assert.equal(loads(), 4, 'b was dropped');
  });
});
