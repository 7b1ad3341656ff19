// The lifecycle's size limits, in one place: the action table's argument schemas use them, and so
// do the UI (input lengths, the time-spent cap) and the server's HTTP schemas, so no side holds a
// copy that could drift.

/** A comment, justification or note to the partner. */
export const MAX_COMMENT_LENGTH = 10_000;
/** A checklist item's note, and the text an evidence pin quotes from a PoE. */
export const MAX_NOTE_LENGTH = 2000;
/** PoE files on one claim. */
export const MAX_DOCUMENTS = 20;
/** How long a reviewer had a claim open before deciding is recorded up to this (a week). */
export const MAX_TIME_SPENT_MS = 7 * 86_400_000;
