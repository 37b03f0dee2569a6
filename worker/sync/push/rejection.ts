import type { EntityName } from '../../../shared/api/entities';
import type { ErrorCode } from '../../../shared/api/errors';

export type Existing = { entity: EntityName; id: string; ownerId: string; ownerName: string };
export type RejectionBody = { code: ErrorCode; message: string; field?: string; existing?: Existing };

/** Thrown by a rule to refuse one mutation; the planner answers it and moves to the next. */
export class Rejection extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly existing?: Existing,
  ) {
    super(message);
  }

  get body(): RejectionBody {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.existing ? { existing: this.existing } : {}) };
  }
}
