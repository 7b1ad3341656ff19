// The application: providers from the outside in (engine client, settings with theme and
// language, session), then sign-in or the desk. The desk is one window: top bar, and the queue, a
// claim or the conflicts inbox below it.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import GlobalStyles from '@mui/material/GlobalStyles';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskClient } from '../api/client.js';
import { ConflictsPage } from '../conflicts/ConflictsPage.js';
import { DecisionStrip } from '../decisions/DecisionStrip.js';
import { DecisionTracker } from '../decisions/decision-tracker.js';
import { ShortcutProvider, useShortcuts } from '../keyboard/shortcuts.js';
import { QueueProvider } from '../queue/queue-context.js';
import { QueuePage } from '../queue/QueuePage.js';
import { HelpSheet } from '../shell/HelpSheet.js';
import { NoticeBanner } from '../shell/NoticeBanner.js';
import { TopBar } from '../shell/TopBar.js';
import { SignInPage } from '../signin/SignInPage.js';
import { dropFirstPage } from '../viewer/first-page.js';
import { ClientProvider } from './client-context.js';
import { NowProvider } from './now.js';
import { parseRoute } from './route.js';
import { useRoute } from './use-route.js';
import { SessionProvider, SignedInProvider, useSessionApi } from './session.js';
import { SettingsProvider } from './settings.js';
import { SyncProvider } from './sync.js';

// The claim view carries pdf.js (the largest part of the bundle): it loads when a claim is opened,
// or at start when the address is a claim's (preloadClaimPage).
const importClaimPage = () => import('../claim/ClaimPage.js');
const ClaimPage = lazy(() => importClaimPage().then((m) => ({ default: m.ClaimPage })));
// The lead's screens carry MUI X (DataGrid, Charts): they load when a lead opens one.
const LeadDesk = lazy(() => import('../lead/LeadDesk.js').then((m) => ({ default: m.LeadDesk })));

const globalStyles = (
  <GlobalStyles
    styles={(theme) => ({
      // The PoE pages' focus ring (renderer/viewer/pages.css, styled before the theme exists).
      ':root': { '--poe-focus': theme.palette.primary.main },
      // A pinned region, outlined for a moment when its evidence chip is clicked.
      '.poe-region-mark': {
        position: 'absolute',
        zIndex: 10,
        border: `3px solid ${theme.palette.primary.main}`,
        background: 'rgba(29, 91, 184, 0.12)',
        borderRadius: 2,
        pointerEvents: 'none',
        animation: 'poe-region-pulse 1s ease-in-out 3',
      },
      '@keyframes poe-region-pulse': { '50%': { boxShadow: `0 0 0 6px rgba(29, 91, 184, 0.25)` } },
      // pdf.js sizes a page's box, its canvas and its text, annotation and region layers alike as
      // content boxes; the baseline's border-box (CssBaseline) must not reach them, or a page's
      // border shrinks its canvas and not its layers, and found words are highlighted beside the
      // drawn ones (issue 18.1). pdf.js's own border-box rules are more specific and still apply.
      '.pdfViewer, .pdfViewer *, .pdfViewer *::before, .pdfViewer *::after': { boxSizing: 'content-box' },
      // Pages without pdf.js's border (removePageBorders) get a calmer shadow instead.
      '.pdfViewer .page': { boxShadow: '0 1px 4px rgba(0,0,0,0.25)' },
    })}
  />
);

/**
 * At start with a claim in the address (a reload, Electron restoring its window): the claim view's
 * code starts loading beside the session's round trip, not after it (issue 18.2); its pdf.js worker
 * and first page were started by main.tsx already.
 */
export function preloadClaimPage(): void {
  if (parseRoute(window.location.hash).view !== 'claim') return;
  void importClaimPage();
}

function Desk() {
  const [route, navigate] = useRoute();
  const [help, setHelp] = useState(false);
  useShortcuts({ '?': () => setHelp(true) });
  const open = (id: string) => navigate({ view: 'claim', id });

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <TopBar route={route} navigate={navigate} onHelp={() => setHelp(true)} />
      <NoticeBanner />
      <Box sx={{ flex: 1, minHeight: 0 }}>
        {route.view === 'queue' && <QueuePage onOpen={open} />}
        {route.view === 'claim' && (
          <Suspense fallback={<Spinner />}>
            <ClaimPage key={route.id} id={route.id} onOpen={open} onBack={() => navigate({ view: 'queue' })} />
          </Suspense>
        )}
        {route.view === 'conflicts' && <ConflictsPage onOpen={open} />}
        {(route.view.startsWith('lead-') || route.view.startsWith('qa-')) && (
          <Suspense fallback={<Spinner />}>
            <LeadDesk route={route} navigate={navigate} />
          </Suspense>
        )}
      </Box>
      <DecisionStrip />
      <HelpSheet open={help} onClose={() => setHelp(false)} />
    </Box>
  );
}

function Spinner() {
  const { t } = useTranslation();
  return (
    <Box sx={{ height: '100%', display: 'grid', placeItems: 'center' }}>
      <CircularProgress aria-label={t('session.starting')} />
    </Box>
  );
}

function Gate() {
  const { t } = useTranslation();
  const { state } = useSessionApi();
  const desk = state.phase === 'ready' && state.session.user !== null;
  // A claim's first page drawn at start has no place on the sign-in page or an error.
  useEffect(() => {
    if (state.phase !== 'loading' && !desk) dropFirstPage();
  }, [state.phase, desk]);
  if (state.phase === 'loading') return <Spinner />;
  if (state.phase === 'unreachable') {
    return (
      <Box component="main" sx={{ height: '100%', display: 'grid', placeItems: 'center', p: 3 }}>
        <Alert severity="error" sx={{ maxWidth: 560 }} action={<Button onClick={state.retry}>{t('common.retry')}</Button>}>
          {t('session.unreachable', { message: state.message })}
        </Alert>
      </Box>
    );
  }
  const { session } = state;
  if (!session.user) return <SignInPage session={session} />;
  return (
    <SignedInProvider session={session} user={session.user}>
      <NowProvider>
        <SyncProvider>
          <QueueProvider>
            <DecisionTracker>
              <ShortcutProvider>
                <Desk />
              </ShortcutProvider>
            </DecisionTracker>
          </QueueProvider>
        </SyncProvider>
      </NowProvider>
    </SignedInProvider>
  );
}

export function App({ client }: { client: DeskClient }) {
  return (
    <ClientProvider client={client}>
      <SettingsProvider>
        {globalStyles}
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </SettingsProvider>
    </ClientProvider>
  );
}
