// The desk's top bar: where you are (queue, conflicts; a lead's screens, a reviewer's QA tasks), the sync status, language, theme, the
// shortcut sheet and the signed-in user. A skip link leads keyboard users past it.
import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';
import LogoutIcon from '@mui/icons-material/Logout';
import SettingsBrightnessOutlinedIcon from '@mui/icons-material/SettingsBrightnessOutlined';
import AppBar from '@mui/material/AppBar';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/contract/desktop.js';
import type { Route } from '../app/route.js';
import { useSessionApi, useSignedIn } from '../app/session.js';
import { useSettings } from '../app/settings.js';
import { useSync } from '../app/sync.js';
import { SyncStatusArea } from './SyncStatusArea.js';

const THEMES: Settings['theme'][] = ['light', 'dark', 'system'];
const THEME_ICON = { light: LightModeOutlinedIcon, dark: DarkModeOutlinedIcon, system: SettingsBrightnessOutlinedIcon };

type Place = { view: 'lead-log' | 'lead-assign' | 'lead-sla' | 'lead-metrics' | 'lead-qa' | 'qa-tasks'; label: string; current: Route['view'][] };
/** The team lead's screens (renderer/lead); a reviewer's QA tasks. */
const LEAD_PLACES: Place[] = [
  { view: 'lead-log', label: 'lead:nav.log', current: ['lead-log', 'lead-decision'] },
  { view: 'lead-assign', label: 'lead:nav.assign', current: ['lead-assign'] },
  { view: 'lead-sla', label: 'lead:nav.sla', current: ['lead-sla'] },
  { view: 'lead-metrics', label: 'lead:nav.metrics', current: ['lead-metrics'] },
  { view: 'lead-qa', label: 'lead:nav.qa', current: ['lead-qa'] },
];
const REVIEWER_PLACES: Place[] = [{ view: 'qa-tasks', label: 'lead:nav.qaTasks', current: ['qa-tasks', 'qa-task'] }];

/** A place in the desk; the current one is underlined and marked for screen readers. */
function NavButton({ current, onClick, children }: { current: boolean; onClick(): void; children: ReactNode }) {
  return (
    <Button
      color="inherit"
      aria-current={current ? 'page' : undefined}
      onClick={onClick}
      sx={{
        borderRadius: 0,
        px: 1.25,
        minWidth: 0,
        // One line each: a lead's seven places fit beside the sync status in Czech too (they wrapped to two).
        whiteSpace: 'nowrap',
        fontWeight: 700,
        color: current ? 'primary.main' : 'text.primary',
        transition: 'none',
        '&::after': current ? { content: '""', position: 'absolute', left: 8, right: 8, bottom: 0, height: 3, borderRadius: '3px 3px 0 0', bgcolor: 'primary.main' } : {},
      }}
    >
      {children}
    </Button>
  );
}

export function TopBar({ route, navigate, onHelp }: { route: Route; navigate(r: Route): void; onHelp(): void }) {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { status } = useSync();
  const { user } = useSignedIn();
  const { signOut } = useSessionApi();
  const conflicts = status?.conflicts ?? 0;
  const nextTheme = THEMES[(THEMES.indexOf(settings.theme) + 1) % THEMES.length]!;
  const ThemeIcon = THEME_ICON[settings.theme];
  // Below this width of the bar (a lead has seven places, longer in Czech) the user's name and the
  // sync status's details give way (both stay in tooltips), so nothing wraps or is pushed off.
  const narrow = `@container (max-width: ${user.role === 'team_lead' ? 1499 : 1099}px)`;

  return (
    <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Box
        component="a"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.querySelector<HTMLElement>('[tabindex="0"], button, input')?.focus();
        }}
        sx={{ position: 'absolute', left: 8, top: -48, zIndex: 2000, bgcolor: 'primary.main', color: 'primary.contrastText', px: 2, py: 1, borderRadius: 1, '&:focus': { top: 8 } }}
      >
        {t('nav.skip')}
      </Box>
      <Toolbar variant="dense" sx={{ gap: 1.5, minHeight: 52, containerType: 'inline-size' }}>
        <Typography component="div" sx={{ fontWeight: 800, fontSize: 16, letterSpacing: 0.2, mr: 1, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography>
        {/* Narrower still, the places scroll rather than push the bar's controls off the window. */}
        <Box component="nav" aria-label={t('nav.label')} sx={{ display: 'flex', gap: 0.5, alignSelf: 'stretch', minWidth: 0, overflowX: 'auto', scrollbarWidth: 'thin' }}>
          <NavButton current={route.view === 'queue' || route.view === 'claim'} onClick={() => navigate({ view: 'queue' })}>
            {t('nav.queue')}
          </NavButton>
          <NavButton current={route.view === 'conflicts'} onClick={() => navigate({ view: 'conflicts' })}>
            <Badge badgeContent={conflicts} color="error" sx={{ '& .MuiBadge-badge': { right: -12 } }}>
              {t('nav.conflicts')}
            </Badge>
            <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
              {conflicts > 0 ? ` (${conflicts})` : ''}
            </Box>
          </NavButton>
          {(user.role === 'team_lead' ? LEAD_PLACES : REVIEWER_PLACES).map((place) => (
            <NavButton key={place.view} current={place.current.includes(route.view)} onClick={() => navigate({ view: place.view })}>
              {t(place.label)}
            </NavButton>
          ))}
        </Box>
        <Box sx={{ flex: 1 }} />
        <SyncStatusArea detailsHiddenWhen={narrow} />
        <ToggleButtonGroup exclusive value={settings.locale} onChange={(_e, v: Settings['locale'] | null) => v && void update({ locale: v })} aria-label={t('settings.language')}>
          <ToggleButton value="en" lang="en" aria-label="English" sx={{ px: 1, py: 0.25 }}>
            EN
          </ToggleButton>
          <ToggleButton value="cs" lang="cs" aria-label="Čeština" sx={{ px: 1, py: 0.25 }}>
            CS
          </ToggleButton>
        </ToggleButtonGroup>
        <Tooltip title={t('settings.themeIs', { theme: t(`settings.theme.${settings.theme}`), next: t(`settings.theme.${nextTheme}`) })}>
          <IconButton aria-label={t('settings.themeIs', { theme: t(`settings.theme.${settings.theme}`), next: t(`settings.theme.${nextTheme}`) })} onClick={() => void update({ theme: nextTheme })}>
            <ThemeIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('help.title')}>
          <IconButton aria-label={t('help.title')} aria-keyshortcuts="?" onClick={onHelp}>
            <HelpOutlineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Typography variant="body2" sx={{ color: 'text.secondary', whiteSpace: 'nowrap', [narrow]: { display: 'none' } }}>
          {user.name}
        </Typography>
        <Tooltip title={t('session.signOutUser', { name: user.name })}>
          <IconButton aria-label={t('session.signOut')} onClick={() => void signOut()}>
            <LogoutIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Toolbar>
    </AppBar>
  );
}
