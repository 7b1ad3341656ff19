// Why the domain refuses an action. A refusal is data (a code and parameters); shared/i18n turns it
// into a sentence that says what happened and what to do, in English or Czech.
export const REFUSAL_CODES = [
  'invalid_arguments',
  'actor_not_allowed',
  'not_own_claim',
  'not_assigned',
  'wrong_status',
  'poe_required',
  'duplicate_document',
  'too_many_documents',
  'checklist_not_passed',
  'no_missing_items',
  'comment_required',
  'reason_required',
  'field_not_editable',
  'partner_id_not_held',
  'nothing_to_change',
  'dispute_window_closed',
  'already_disputed',
  'dispute_not_allowed_for_reason',
  'dispute_evidence_required',
  'no_open_dispute',
  'dispute_open',
  'consent_window_closed',
  'response_window_closed',
  'already_sent_to_incentive_evaluation',
  'reopen_not_allowed_for_reason',
  'dispute_upheld_final',
  'reopen_window_closed',
  'not_qa_reviewer',
  'qa_reviewer_is_original',
  'qa_task_exists',
  'no_open_qa_task',
  'no_qa_disagreement',
  'already_assigned',
  'clock_not_due',
  'claim_changed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  params?: Record<string, string | number | readonly string[]>;
}

export const refuse = (code: RefusalCode, params?: Refusal['params']): Refusal => (params ? { code, params } : { code });
