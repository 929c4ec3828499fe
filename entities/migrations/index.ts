import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { UsedFlowSignatures1765000000000 } from './1765000000000-used-flow-signatures';
import { UserSessionEpoch1766000000000 } from './1766000000000-user-session-epoch';
import { Contacts1767000000000 } from './1767000000000-contacts';
import { Campaigns1768000000000 } from './1768000000000-campaigns';
import { FlowRevisions1769000000000 } from './1769000000000-flow-revisions';
import { Webhooks1769100000000 } from './1769100000000-webhooks';
import { NodeEvents1769200000000 } from './1769200000000-node-events';

/**
 * Every migration in order. Listed explicitly rather than found by a glob: loading by file pattern
 * depends on how the process was started (tsx, compiled JS), an explicit list does not.
 */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  UsedFlowSignatures1765000000000,
  UserSessionEpoch1766000000000,
  Contacts1767000000000,
  Campaigns1768000000000,
  FlowRevisions1769000000000,
  Webhooks1769100000000,
  NodeEvents1769200000000,
];
