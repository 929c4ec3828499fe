import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the walk-through's steps live: `docs/walkthrough/<step>.sh`, plain bash with curl and jq. */
export const WALKTHROUGH_DIR = path.resolve(__dirname, '../../docs/walkthrough');

/** One step of the guide's walk-through; each reads the shell variables earlier steps set. */
export interface WalkthroughStep {
  /** File name without `.sh`, and marker in the guide (`<!-- walkthrough:<id> -->`). */
  id: string;
  title: string;
}

/**
 * The walk-through, in order: one shell session from a fresh `npm start` to a run's audit trail.
 * test/docs/walkthrough.test.ts runs these files in that order, in one bash, against a real stack.
 */
export const WALKTHROUGH_STEPS: readonly WalkthroughStep[] = [
  { id: 'set-up', title: 'Set up the shell' },
  { id: 'log-in', title: 'Log in' },
  { id: 'approve-api', title: 'Approve API usage' },
  { id: 'rotate-key', title: 'Rotate the API key and get a token' },
  { id: 'create-flow', title: 'Create and activate a flow' },
  { id: 'signed-lead', title: 'Send a signed lead' },
  { id: 'customer-answers', title: 'The customer answers: a signed WhatsApp webhook' },
  { id: 'agent-reply', title: 'Reply as an agent' },
  { id: 'audit-trail', title: "Read the run's audit trail" },
];

/** Path of one step's file. */
export function walkthroughStepPath(step: WalkthroughStep): string {
  return path.join(WALKTHROUGH_DIR, `${step.id}.sh`);
}

/** The text of one step, without trailing blank lines. */
export function readWalkthroughStep(step: WalkthroughStep): string {
  return readFileSync(walkthroughStepPath(step), 'utf8').trimEnd();
}
