// What the PoE text suggests for an item, each with a link to its page (the link also finds the
// words there). Suggestions only: nothing here changes the checklist.
import LightbulbOutlinedIcon from '@mui/icons-material/LightbulbOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { useViewer } from '../viewer/viewer-context.js';
import type { Finding, ItemSuggestions } from './suggestions.js';

const SHOWN = 2;

/** "8 months ago" / "in 3 days": the age of a date in words, in the UI's language. */
function age(days: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(days);
  if (abs < 45) return rtf.format(-days, 'day');
  if (abs < 730) return rtf.format(-Math.round(days / 30.44), 'month');
  return rtf.format(-Math.round(days / 365.25), 'year');
}

function Snippet({ finding }: { finding: Finding }) {
  const at = finding.snippet.toLowerCase().indexOf(finding.match.toLowerCase());
  if (at < 0) return <>{finding.snippet}</>;
  return (
    <>
      {finding.snippet.slice(0, at)}
      <Box component="mark" sx={{ bgcolor: (th) => (th.palette.mode === 'dark' ? '#6b5500' : '#ffe08a'), color: 'text.primary', px: 0.25, borderRadius: 0.5 }}>
        {finding.snippet.slice(at, at + finding.match.length)}
      </Box>
      {finding.snippet.slice(at + finding.match.length)}
    </>
  );
}

export function SuggestionList({ suggestions, reading }: { suggestions: ItemSuggestions | undefined; reading: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const viewer = useViewer();
  const [all, setAll] = useState(false);
  if (!suggestions) return null;
  const { findings } = suggestions;
  const multipleDocs = viewer.documents.length > 1;

  if (findings.length === 0) {
    if (reading) return null;
    return (
      <Typography variant="caption" component="p" sx={{ mt: 0.5, color: 'text.secondary', display: 'flex', gap: 0.5 }}>
        <LightbulbOutlinedIcon sx={{ fontSize: 15 }} aria-hidden />
        {suggestions.searched.length > 0 && suggestions.searched.length <= 4
          ? t('suggestions.notFoundTerms', { terms: suggestions.searched.join(', ') })
          : t('suggestions.notFound')}
      </Typography>
    );
  }
  const shown = all ? findings : findings.slice(0, SHOWN);
  const hidden = findings.length - shown.length + suggestions.more;
  return (
    <Box sx={{ mt: 0.75 }}>
      <Typography variant="caption" sx={{ color: 'text.secondary', display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <LightbulbOutlinedIcon sx={{ fontSize: 15 }} aria-hidden />
        {t('suggestions.found', { count: findings.length + suggestions.more })}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, display: 'grid', gap: 0.25 }}>
        {shown.map((f, i) => (
          <Box component="li" key={i} sx={{ fontSize: 12, lineHeight: 1.45 }}>
            <Link
              component="button"
              type="button"
              onClick={() => viewer.show(f.sha256, f.page, f.match)}
              sx={{ fontWeight: 600, mr: 0.75, verticalAlign: 'baseline' }}
              aria-label={t('suggestions.open', { page: f.page, match: f.match })}
              title={f.docName}
            >
              {multipleDocs ? t('evidence.docPage', { doc: viewer.documents.findIndex((d) => d.sha256 === f.sha256) + 1, page: f.page }) : t('evidence.page', { page: f.page })} ↗
            </Link>
            {f.kind === 'date' && f.date && f.ageDays !== undefined ? (
              <Box component="span" sx={{ fontWeight: 600 }}>
                {formatInstant(`${f.date}T12:00:00.000Z`, locale, zone, 'date')} · {age(f.ageDays, locale)}
              </Box>
            ) : (
              <Box component="span" sx={{ color: 'text.secondary' }}>
                <Snippet finding={f} />
              </Box>
            )}
          </Box>
        ))}
      </Box>
      {hidden > 0 && !all && (
        <Button size="small" onClick={() => setAll(true)} sx={{ ml: 1.5, minHeight: 0, py: 0 }}>
          {t('suggestions.more', { count: hidden })}
        </Button>
      )}
    </Box>
  );
}
