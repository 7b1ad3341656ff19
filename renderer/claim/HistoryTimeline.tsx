// Everything that happened to the claim, newest first: who (and in which role), what, the status
// change, when it was applied and, for a decision made offline, when it was made.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../shared/domain/claim.js';
import type { ParReason } from '../../shared/domain/checklist.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';

/** The details worth a line: reasons sent, the rejection reason, changed fields, the comment. */
function detailLines(t: TFunction, entry: HistoryEntry): string[] {
  const d = entry.details;
  const lines: string[] = [];
  if (Array.isArray(d.reasons) && d.reasons.length > 0) {
    lines.push(
      (d.reasons as ParReason[])
        .map((r) => t(`domain:parReason.${r.code}`) + (r.code === 'products_missing' ? ` (${r.products.map((p) => PRODUCTS[p]?.name ?? p).join(', ')})` : ''))
        .join('; '),
    );
  }
  if (typeof d.reason === 'string') lines.push(t(`domain:rejectionReason.${d.reason}`, { defaultValue: d.reason }));
  if (Array.isArray(d.fields)) lines.push(t('history.changedFields', { fields: (d.fields as string[]).join(', ') }));
  if (typeof d.clock === 'string') lines.push(t(`domain:clock.${d.clock}`));
  if (d.to && typeof d.to === 'object' && 'name' in d.to) lines.push(t('history.assignedTo', { name: String((d.to as { name: string }).name) }));
  for (const k of ['comment', 'text', 'justification'] as const) if (typeof d[k] === 'string' && d[k]) lines.push(`“${d[k] as string}”`);
  return lines;
}

/** A claim's history, newest first (the lead's claim as decided shows a part of it under its own title). */
export function HistoryTimeline({ history, title }: { history: readonly HistoryEntry[]; title?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const at = (iso: string) => formatInstant(iso, locale, zone);
  const entries = [...history].reverse();

  return (
    <Box sx={{ p: 2, overflow: 'auto' }}>
      <Typography variant="h2" component="h2" sx={{ mb: 1.5 }}>
        {title ?? t('claim.history')}
      </Typography>
      <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none', maxWidth: 820 }}>
        {entries.map((e) => (
          <Box component="li" key={e.version} sx={{ position: 'relative', pl: 3, pb: 1.75, borderLeft: 2, borderColor: 'divider', ml: 1 }}>
            <Box aria-hidden sx={{ position: 'absolute', left: -7, top: 3, width: 12, height: 12, borderRadius: '50%', bgcolor: e.from !== e.to ? 'primary.main' : 'background.paper', border: 2, borderColor: 'primary.main' }} />
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {t(`domain:action.${e.action}`, { defaultValue: e.action })}
              {e.from !== e.to && (
                <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>
                  {' '}
                  · {e.from ? `${t(`domain:status.${e.from}`)} → ` : ''}
                  {t(`domain:status.${e.to}`)}
                </Box>
              )}
            </Typography>
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              {e.actor.name} · {t(`domain:actor.${e.actor.kind}`)} · {at(e.at)}
              {e.decidedAt ? ` · ${t('history.decidedOffline', { at: at(e.decidedAt) })}` : ''}
            </Typography>
            {detailLines(t, e).map((line, i) => (
              <Typography key={i} variant="body2" sx={{ color: 'text.secondary', whiteSpace: 'pre-wrap' }}>
                {line}
              </Typography>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
