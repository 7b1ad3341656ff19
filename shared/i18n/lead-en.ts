// English texts of the team lead's desk (issue 16): its screens, the CSV export's headers and the
// decision log's "later" events. Kept apart from en-ui.ts so the lead's screens change in one place.
export const leadEn = {
  csv: {
    id: 'Decision ID',
    claimNumber: 'Claim',
    partnerId: 'Partner ID',
    partnerName: 'Partner',
    customerName: 'Customer',
    products: 'Products',
    reviewer: 'Reviewer',
    action: 'Action',
    reasons: 'Reasons',
    verdict: 'Verdict',
    checklistPassed: 'Checklist passed',
    checklistMissing: 'Checklist missing',
    checklistNotes: 'Checklist notes',
    comment: 'Comment',
    decidedAt: 'Decided at',
    receivedAt: 'Received at',
    lagSeconds: 'Offline lag (s)',
    offline: 'Made offline',
    timeSpentSeconds: 'Time spent (s)',
    claimVersion: 'Claim version',
    outcome: 'Outcome',
    refusal: 'Refused because',
    qaState: 'QA',
    later: 'Later',
  },
  outcome: { applied: 'Applied', refused: 'Refused' },
  yes: 'yes',
  no: 'no',
  later: {
    partner_responded: 'Partner responded',
    no_partner_response: 'No partner response',
    customer_opted_out: 'Customer opted out',
    disputed: 'Disputed',
    dispute_upheld: 'Dispute upheld',
    dispute_overturned: 'Overturned on dispute',
    reopened: 'Reopened',
    qa_disagreed: 'QA disagreed',
    qa_upheld: 'Upheld after QA',
  },
  qaState: { open: 'QA open', agreed: 'QA agreed', disagreed: 'QA disagreed', resolved: 'QA resolved' },
} as const;

/** Every language's lead texts have the English structure. */
export type LeadTexts = {
  [K in keyof typeof leadEn]: (typeof leadEn)[K] extends string ? string : { [L in keyof (typeof leadEn)[K]]: string };
};
