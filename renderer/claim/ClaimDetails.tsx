// The claim's fields (spec "What a claim is"): partner, activity, customer and tenant, products,
// contacts, documents, and the state of review, rejection and dispute.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../shared/domain/claim.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatBytes, formatInstant } from '../format/datetime.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary', fontSize: 13 }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0, fontSize: 13, overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </>
  );
}

export function ClaimDetails({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const at = (iso: string) => formatInstant(iso, locale, zone);
  const contact = (c: Claim['customerContact']) => [c.name, c.email, c.phone].filter(Boolean).join(' · ');

  return (
    <Box sx={{ p: 2, overflow: 'auto' }}>
      <Typography variant="h2" component="h2" sx={{ mb: 1.5 }}>
        {t('claim.details')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', columnGap: 3, rowGap: 1, m: 0, maxWidth: 900 }}>
        <Field label={t('claim.field.partner')}>{`${claim.partnerName} (${claim.partnerId})`}</Field>
        <Field label={t('claim.field.activity')}>{t(`domain:activity.${claim.activity}`)}</Field>
        <Field label={t('claim.field.customer')}>{claim.customer.name}</Field>
        <Field label={t('claim.field.tenant')}>
          <Box component="code" sx={{ fontSize: 12 }}>
            {claim.customer.tenantId}
          </Box>
        </Field>
        {claim.customer.subscriptionIds.length > 0 && <Field label={t('claim.field.subscriptions')}>{claim.customer.subscriptionIds.join(', ')}</Field>}
        <Field label={t('claim.field.products')}>{claim.products.map((p) => PRODUCTS[p].name).join(', ')}</Field>
        <Field label={t('claim.field.customerContact')}>{contact(claim.customerContact)}</Field>
        <Field label={t('claim.field.partnerContact')}>{contact(claim.partnerContact)}</Field>
        <Field label={t('claim.field.created')}>{at(claim.createdAt)}</Field>
        {claim.submittedAt && <Field label={t('claim.field.submitted')}>{at(claim.submittedAt)}</Field>}
        <Field label={t('claim.field.documents')}>
          {claim.documents.length === 0
            ? t('claim.noDocuments')
            : claim.documents.map((d) => (
                <div key={d.id}>
                  {d.name} · {d.pages ? t('claim.pages', { count: d.pages }) : t('claim.pagesUnknown')} · {formatBytes(d.size, locale)}
                  {d.encrypted ? ` · ${t('claim.encrypted')}` : ''} · {at(d.uploadedAt)}
                </div>
              ))}
        </Field>
        {claim.review.parReasons.length > 0 && (
          <Field label={t('claim.field.lastReasons')}>
            {claim.review.parReasons
              .map((r) => t(`domain:parReason.${r.code}`) + (r.code === 'products_missing' ? ` (${r.products.map((p) => PRODUCTS[p].name).join(', ')})` : ''))
              .join('; ')}
          </Field>
        )}
        {claim.rejection && (
          <Field label={t('claim.field.rejection')}>
            {t(`domain:rejectionReason.${claim.rejection.reason}`)} · {at(claim.rejection.at)}
            {claim.rejection.comment ? ` · “${claim.rejection.comment}”` : ''}
          </Field>
        )}
        {claim.dispute && (
          <Field label={t('claim.field.dispute')}>
            {at(claim.dispute.filedAt)}
            {claim.dispute.justification ? ` · “${claim.dispute.justification}”` : ''}
            {claim.dispute.resolution ? ` · ${t(`domain:disputeOutcome.${claim.dispute.resolution.outcome}`)}` : ''}
          </Field>
        )}
        {claim.flags.sentToIncentiveEvaluationAt && <Field label={t('domain:sentToIncentiveEvaluation')}>{at(claim.flags.sentToIncentiveEvaluationAt)}</Field>}
      </Box>
    </Box>
  );
}
