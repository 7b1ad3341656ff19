// A document's loading bar (with cancel) and the panel shown when it cannot be displayed:
// damaged, not available here, cancelled, or protected by a password.
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/settings.js';
import { formatBytes } from '../format/datetime.js';
import type { DocState } from './document-loader.js';

export function LoadProgress({ name, loaded, total, onCancel }: { name: string; loaded: number; total: number | null; onCancel(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : null;
  return (
    <Box sx={{ px: 1.5, py: 0.75, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="body2" role="status" sx={{ flex: 1 }}>
          {total
            ? t('viewer.loadingBytes', { name, loaded: formatBytes(loaded, locale), total: formatBytes(total, locale) })
            : t('viewer.loading', { name })}
        </Typography>
        <Button onClick={onCancel} color="inherit">
          {t('common.cancel')}
        </Button>
      </Stack>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        aria-label={t('viewer.loadingLabel', { name })}
      />
    </Box>
  );
}

// The password field does not take focus by itself: a reviewer walking the queue with J/K must
// not have the next keys typed into it. It is one Tab away from the pages.
export function LoadProblem(props: { state: DocState; name: string; onRetry(): void; onPassword(password: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { state, name } = props;
  const [password, setPassword] = useState('');

  let body;
  if (state.phase === 'password') {
    body = (
      <Box
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onPassword(password);
          setPassword('');
        }}
      >
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <LockOutlinedIcon color="primary" aria-hidden />
          <Typography variant="h2">{t('viewer.passwordTitle')}</Typography>
        </Stack>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('viewer.passwordBody', { name })}
        </Typography>
        <TextField
          type="password"
          label={t('viewer.password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          fullWidth
          error={state.incorrect}
          helperText={state.incorrect ? t('viewer.passwordIncorrect') : ' '}
        />
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', mt: 1 }}>
          <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!password}>
            {t('viewer.open')}
          </Button>
        </Stack>
      </Box>
    );
  } else if (state.phase === 'cancelled') {
    body = (
      <Alert severity="info" action={<Button onClick={props.onRetry}>{t('viewer.loadAgain')}</Button>}>
        {t('viewer.cancelled', { name })}
      </Alert>
    );
  } else if (state.phase === 'error') {
    body = (
      <Alert severity={state.kind === 'damaged' ? 'error' : 'warning'} action={state.kind === 'damaged' ? undefined : <Button onClick={props.onRetry}>{t('common.retry')}</Button>}>
        <AlertTitle>{t(`viewer.error.${state.kind}.title`, { name })}</AlertTitle>
        {t(`viewer.error.${state.kind}.body`, { detail: state.detail })}
      </Alert>
    );
  } else {
    return null;
  }
  return (
    <Box sx={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 480, width: '100%' }}>
        {body}
      </Paper>
    </Box>
  );
}
