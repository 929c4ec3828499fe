import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What happened at a node: see `NodeTransition` in workflows/engine/node-transition.ts. */
export type NodeEventKind = 'entered' | 'left' | 'handed_over' | 'ended';

/**
 * One node transition of a conversation's run, written by the activity that records the step's
 * change to `conversations` (same transaction), read by the analytics route. The key is the
 * conversation and the transition's number within its run, so a retried activity writes nothing twice.
 */
@Entity({ name: 'node_events' })
export class NodeEvent {
  @PrimaryColumn({ type: 'uuid' })
  conversationId!: string;

  /** 1, 2, 3… within the conversation's run (the engine's count, carried across continue-as-new). */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  /** The conversation's flow when the event was written (denormalised: analytics reads by flow). */
  @Column({ type: 'uuid', nullable: true })
  flowId!: string | null;

  /** The flow revision the conversation runs, when known. */
  @Column({ type: 'integer', nullable: true })
  flowRevision!: number | null;

  @Column({ type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  nodeType!: string;

  @Column({ type: 'text' })
  kind!: NodeEventKind;

  /** For `left`: the output port taken. */
  @Column({ type: 'text', nullable: true })
  port!: string | null;

  /** For `left`: the node's reply or handoff wait ran out. */
  @Column({ type: 'boolean', default: false })
  timedOut!: boolean;

  /** For `left`: ms since the node was entered, when known. */
  @Column({ type: 'bigint', nullable: true })
  spentMs!: string | null;

  /** For `ended`: completed, failed or stopped. */
  @Column({ type: 'text', nullable: true })
  status!: string | null;

  /** For `ended`: why the run failed or stopped. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** When it happened, by the workflow's clock. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}
