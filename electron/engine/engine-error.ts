// Errors the engine answers a channel call with. `code` lets a transport pick a status (the host:
// 400, 401, 404, 409) and the UI pick a reaction; `message` says what happened and what to do.
export type EngineErrorCode = 'invalid_arguments' | 'unknown_channel' | 'not_signed_in' | 'not_found' | 'refused' | 'unreachable' | 'closed' | 'write_failed';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** The message of a channel asked about a claim the desk does not hold. */
export const NOT_ON_THIS_COMPUTER = 'This claim is not on this computer. Sync, or check that it is still visible to you.';
