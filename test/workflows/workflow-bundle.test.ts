/**
 * Regression guard for the workflow bundle's weight. Every workflow run (each new run and each
 * replay after a cache eviction) evaluates the whole bundle in its own sandbox context, so whatever
 * the workflows import is paid per run in workflow-thread CPU and per cached run in heap. zod and
 * the schema catalogue used to be ~44 % of the workflow thread (bench/results/README.md, "Where the
 * time goes" 1); workflows now import `workflows/engine/runtime`, which must stay free of them.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bundleWorkflowCode } from '@temporalio/worker';

const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Bundle size (code with its inline source map) measured with zod inside: 3,334,544 bytes; without: 2,158,542. */
const MAX_BUNDLE_BYTES = 2_600_000;

describe('workflow bundle', () => {
  let code = '';
  let moduleIds: string[] = [];

  before(async () => {
    ({ code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: silent,
    }));
    moduleIds = [...new Set(code.match(/"\.\/[^"\s]+\.(?:[cm]?js|ts|json)"/g) ?? [])];
  });

  it('is built from the workflows and the engine runtime (sanity check of the module ids read below)', () => {
    assert.ok(moduleIds.includes('"./workflows/conversation-workflow.ts"'), moduleIds.join('\n'));
    assert.ok(moduleIds.includes('"./workflows/engine/runtime.ts"'), moduleIds.join('\n'));
  });

  it('contains no zod', () => {
    assert.deepEqual(
      moduleIds.filter((id) => /node_modules\/zod\//.test(id)),
      [],
    );
    assert.equal(code.includes('$ZodType'), false);
  });

  it('contains no schema catalogue or validator: node data is validated by the API, not per run', () => {
    const validationSide = moduleIds.filter(
      (id) =>
        /nodes\/([a-z-]+)\/\1-node(-data)?\.ts"/.test(id) ||
        /engine\/(catalogue|index)\.ts"|validate-flow-graph|check-runaway-cycles|node-field-schemas/.test(id),
    );
    assert.deepEqual(validationSide, []);
  });

  it(`stays under ${MAX_BUNDLE_BYTES.toLocaleString('en')} bytes`, () => {
    assert.ok(code.length < MAX_BUNDLE_BYTES, `bundle is ${code.length} bytes`);
  });
});
