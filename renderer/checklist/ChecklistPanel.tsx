// The review checklist (spec: one item per "Partner action required" reason, item 5 once per
// claimed product). Its missing flags are exactly the reasons a partner-action request sends.
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { checklistKeys } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { ChecklistItemRow } from './ChecklistItemRow.js';
import type { ReviewDraft } from './review-draft.js';
import { shortcutOf } from './shortcuts.js';
import type { SuggestionsState } from './use-suggestions.js';

export function ChecklistPanel({ claim, draft, editable, suggestions }: { claim: Claim; draft: ReviewDraft; editable: boolean; suggestions: SuggestionsState }) {
  const { t } = useTranslation();
  const keys = checklistKeys(claim.products);
  const counts = { passed: 0, missing: 0, unchecked: 0 };
  for (const k of keys) counts[draft.checklist[k]?.state ?? 'unchecked']++;
  const reading = suggestions.reading > 0;

  return (
    <Box component="section" aria-labelledby="checklist-title" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box sx={{ px: 1.5, pt: 1.5, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography id="checklist-title" variant="h2">
          {t('checklist.title')}
        </Typography>
        <Typography variant="caption" sx={{ color: 'text.secondary' }} aria-live="polite">
          {t('checklist.summary', { missing: counts.missing, passed: counts.passed, unchecked: counts.unchecked })}
        </Typography>
        {!editable && (
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }}>
            {t('checklist.readOnly')}
          </Typography>
        )}
        {draft.saveError && (
          <Typography variant="caption" component="p" role="alert" sx={{ color: 'error.main' }}>
            {t('checklist.saveFailed', { message: draft.saveError })}
          </Typography>
        )}
        {suggestions.blocked > 0 && (
          <Typography variant="caption" component="p" sx={{ color: 'warning.main', fontWeight: 600 }}>
            {t('suggestions.blocked', { count: suggestions.blocked })}
          </Typography>
        )}
        {reading && (
          <Box sx={{ mt: 0.5 }}>
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              {t('suggestions.reading')}
            </Typography>
            <LinearProgress aria-label={t('suggestions.reading')} sx={{ mt: 0.25, height: 2 }} />
          </Box>
        )}
      </Box>
      <Box component="ol" sx={{ m: 0, p: 0 }} aria-label={t('checklist.title')}>
        {keys.map((k, i) => (
          <ChecklistItemRow
            key={k}
            itemKey={k}
            shortcut={shortcutOf(i)}
            item={draft.checklist[k] ?? { state: 'unchecked', evidence: [] }}
            draft={draft}
            editable={editable}
            suggestions={suggestions.byItem.get(k)}
            reading={reading}
          />
        ))}
      </Box>
    </Box>
  );
}
