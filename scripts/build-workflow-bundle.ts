/**
 * `npm run build:workflows [-- <file>]`: bundles the workflows once (default `dist/workflow-bundle.js`)
 * for workers started with WORKFLOW_BUNDLE_PATH pointing at it, so a worker polls within a second of
 * starting instead of bundling first. Rebuild whenever workflows/ changes: a worker runs the bundle
 * it is given, however old (the Dockerfile builds it with the image).
 */
import path from 'node:path';
import { writeFlowWorkflowBundle } from '../worker/workflow-bundle';

const file = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
const startedAt = Date.now();
writeFlowWorkflowBundle(file).then(
  () => console.log(`workflow bundle written to ${file} in ${Date.now() - startedAt} ms`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
