// A business refusal: the action is understood but not allowed now. Raised by domain code,
// carried through Temporal as a non-retryable ApplicationFailure of the same type, and turned
// into 409 / 403 / 422 by the API (whose answer names `field`, or the action itself).
export type RefusalType = 'Conflict' | 'Forbidden' | 'Invalid';

/** Why the domain refuses: read by tests and logs; the API answers by the type. */
export type RefusalCode =
  // who may act
  | 'unit_staff_only'
  | 'not_assigned_unit'
  | 'coordinator_only'
  | 'reporter_only'
  | 'unit_only'
  | 'not_targeted'
  // what the state allows
  | 'invalid_transition'
  | 'extension_pending'
  | 'no_extension_pending'
  | 'same_unit'
  | 'not_rateable'
  | 'not_withdrawable'
  | 'report_closed'
  | 'already_acknowledged'
  | 'not_issued'
  // values (the refusal names the field)
  | 'invalid_argument'
  | 'deadline_not_later'
  | 'reason_required';

export class Refusal extends Error {
  constructor(
    readonly type: RefusalType,
    readonly code: RefusalCode,
    message: string,
    /** the input field the refusal is about, when it is about one ('until', 'actor.kind') */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function refuse(type: RefusalType, code: RefusalCode, message: string, field?: string): never {
  throw new Refusal(type, code, message, field);
}
