import type { EntityName } from '../../../../shared/api/entities';
import type { Viewer } from '../../../env';
import type { EmailHolder, Member, Row } from '../pushState';
import type { PipelineSettings } from '../../../../shared/schema';

/** One accepted change to a record, as a rule sees it before it is written. */
export type Change =
  | { op: 'create'; before: null; after: Row; fields: Record<string, unknown> }
  | { op: 'update'; before: Row; after: Row; fields: Record<string, unknown> }
  | { op: 'delete' | 'restore' | 'reassign'; before: Row; after: Row; fields: null };

/** What a rule may read and do while a push is planned. */
export interface RuleContext {
  readonly viewer: Viewer;
  readonly now: number;
  readonly pipeline: PipelineSettings;
  /** Whether stage gates apply: not to the moves an admin orders when removing a stage. */
  readonly stageGates: 'check' | 'skip';
  readonly members: Member[];
  readonly emailHolders: Map<string, EmailHolder>;
  /** Stage changes of a deal being reassigned (loaded only for those). */
  stageChangesOf(dealId: string): Row[];
  /** Adds or replaces a row this push writes (a stage change, a child that follows its parent). */
  write(entity: EntityName, row: Row): void;
  /** Tells a user's devices to drop a record they no longer see. */
  revoke(entity: EntityName, recordId: string, userId: string): void;
}

/**
 * An entity's own rules, beside the generic ones every entity gets from the planner (team,
 * visibility, ownership, references, delete-wins). `check` runs first and may refuse with a
 * Rejection; `apply` then records what else the change brings with it. Checking before applying
 * is what keeps a refused change from leaving half its effects behind.
 */
export interface EntityRules {
  check?(ctx: RuleContext, change: Change): void;
  apply?(ctx: RuleContext, change: Change): void;
}
