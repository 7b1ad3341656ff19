// Sign-in: the claims service's address (remembered by the engine), user name and password.
// A failure says what went wrong and what to try.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session, Settings } from '../../shared/contract/desktop.js';
import { useSessionApi } from '../app/session.js';
import { useSettings } from '../app/settings.js';

export function SignInPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { signIn } = useSessionApi();
  const { settings, update } = useSettings();
  const [serverUrl, setServerUrl] = useState(session.serverUrl ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await signIn({ ...(serverUrl.trim() ? { serverUrl: serverUrl.trim() } : {}), username: username.trim(), password });
    } catch (e) {
      setError((e as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="main" id="main" sx={{ height: '100%', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 420, p: 4 }}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', mb: 3 }}>
          <Box>
            <Typography variant="h1" component="h1">
              {t('app.title')}
            </Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t('session.subtitle')}
            </Typography>
          </Box>
          <ToggleButtonGroup exclusive value={settings.locale} onChange={(_e, v: Settings['locale'] | null) => v && void update({ locale: v })} aria-label={t('settings.language')}>
            <ToggleButton value="en" aria-label="English" sx={{ px: 1, py: 0.25 }}>
              EN
            </ToggleButton>
            <ToggleButton value="cs" aria-label="Čeština" sx={{ px: 1, py: 0.25 }}>
              CS
            </ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        <Box
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          sx={{ display: 'grid', gap: 2 }}
        >
          <TextField label={t('session.server')} type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://claims.example.com" helperText={t('session.serverHelp')} />
          <TextField label={t('session.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
          <TextField label={t('session.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
          {error && (
            <Alert severity="error" role="alert">
              {t('session.failed', { message: error })}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="medium" disabled={busy || !username.trim() || !password}>
            {busy ? t('session.signingIn') : t('session.signIn')}
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}
