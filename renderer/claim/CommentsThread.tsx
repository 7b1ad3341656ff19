// The claim's comments between reviewers and the partner, oldest first like a conversation, and a
// box to add one (when the domain allows this reviewer to comment).
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../shared/domain/claim.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { useDecide } from '../decisions/use-decide.js';
import { formatInstant } from '../format/datetime.js';

export function CommentsThread({ claim, refusal }: { claim: Claim; refusal: Refusal | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const decide = useDecide(claim);
  const [text, setText] = useState('');
  // One id per comment being written: a retry after an engine error sends the same comment again.
  const [commentId, setCommentId] = useState(() => crypto.randomUUID());
  const args = { commentId, text };
  const blockedBy = decide.refusalOf('comment', args);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await decide.send('comment', args);
      if (result.ok) {
        setText('');
        setCommentId(crypto.randomUUID());
      }
      else setError(refusalText(t, result.refusal));
    } catch (e) {
      setError(t('decision.engineError', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ p: 2, overflow: 'auto', display: 'grid', gap: 1.5, alignContent: 'start' }}>
      <Typography variant="h2" component="h2">
        {t('claim.comments')}
      </Typography>
      {claim.comments.length === 0 && <Typography sx={{ color: 'text.secondary' }}>{t('claim.noComments')}</Typography>}
      <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 1, maxWidth: 820 }}>
        {claim.comments.map((c) => (
          <Box component="li" key={c.id} sx={{ p: 1.25, borderRadius: 1, border: 1, borderColor: 'divider', bgcolor: c.author.kind === 'partner' ? 'action.hover' : 'background.paper' }}>
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              <Box component="strong" sx={{ color: 'text.primary' }}>
                {c.author.name}
              </Box>{' '}
              · {t(`domain:actor.${c.author.kind}`)} · {formatInstant(c.at, locale, zone)}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.25 }}>
              {c.text}
            </Typography>
          </Box>
        ))}
      </Box>
      {refusal ? (
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {refusalText(t, refusal)}
        </Typography>
      ) : (
        <Box sx={{ maxWidth: 820, display: 'grid', gap: 1 }}>
          <TextField label={t('claim.addComment')} multiline minRows={2} value={text} onChange={(e) => setText(e.target.value)} />
          {error && <Alert severity="error">{error}</Alert>}
          <Box>
            <Button variant="outlined" onClick={() => void send()} disabled={busy || blockedBy !== null}>
              {t('claim.sendComment')}
            </Button>
          </Box>
        </Box>
      )}
    </Box>
  );
}
