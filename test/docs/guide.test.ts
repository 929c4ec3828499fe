import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  INTEGRATION_FLOWS,
  SNIPPET_LANGUAGES,
  SNIPPETS_DIR,
  snippetPath,
} from '../../api/openapi/integration-snippets';
import { WALKTHROUGH_DIR, WALKTHROUGH_STEPS } from '../../api/openapi/integration-walkthrough';
import { findOutdatedDocs } from '../../scripts/build-docs';

const ROOT = path.resolve(__dirname, '../..');

describe('integration guide', () => {
  test('docs/integration-guide.md and docs/capability-map.md are up to date (npm run docs:build)', async () => {
    assert.deepEqual(await findOutdatedDocs(), []);
  });

  test('every flow has a snippet in exactly cURL, Node.js, Python and PHP, and nothing else is in docs/snippets', () => {
    assert.deepEqual(
      SNIPPET_LANGUAGES.map((language) => language.label),
      ['cURL', 'Node.js', 'Python', 'PHP'],
    );
    for (const flow of INTEGRATION_FLOWS) {
      for (const language of SNIPPET_LANGUAGES)
        assert.ok(existsSync(snippetPath(flow, language)), snippetPath(flow, language));
      assert.deepEqual(
        readdirSync(path.join(SNIPPETS_DIR, flow.id)).sort(),
        SNIPPET_LANGUAGES.map((language) => language.file).sort(),
      );
    }
    assert.deepEqual(readdirSync(SNIPPETS_DIR).sort(), INTEGRATION_FLOWS.map((flow) => flow.id).sort());
  });

  test('docs/walkthrough holds exactly the walk-through steps the guide shows', () => {
    assert.deepEqual(
      readdirSync(WALKTHROUGH_DIR).sort(),
      WALKTHROUGH_STEPS.map((step) => `${step.id}.sh`).sort(),
    );
  });

  test('snippets take the server and credentials from the environment, never a hard-coded host or secret', () => {
    for (const flow of INTEGRATION_FLOWS) {
      for (const language of SNIPPET_LANGUAGES) {
        const text = readFileSync(snippetPath(flow, language), 'utf8');
        // A receiver's snippet runs in the integrator's endpoint and calls no FlowBot route.
        if (!flow.receiver) assert.match(text, /BASE_URL/, `${flow.id}/${language.file} reads BASE_URL`);
        assert.doesNotMatch(
          text,
          /localhost|127\.0\.0\.1|eyJ[\w-]{10,}|sk_[\w]{8,}/,
          `${flow.id}/${language.file}`,
        );
      }
    }
  });

  test('the README and /docs link the guide and the capability map', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, /\(docs\/integration-guide\.md\)/);
    assert.match(readme, /\(docs\/capability-map\.md\)/);
    assert.match(readme, /\/docs\b/);
  });
});
