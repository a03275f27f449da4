// A business refusal: the action is understood but not allowed now. Raised by domain code,
// carried through Temporal as a non-retryable ApplicationFailure of the same type, and turned
// into 409 / 403 / 422 by the API.
export type RefusalType = 'Conflict' | 'Forbidden' | 'Invalid';

export class Refusal extends Error {
  constructor(
    readonly type: RefusalType,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function refuse(type: RefusalType, code: string, message: string): never {
  throw new Refusal(type, code, message);
}
