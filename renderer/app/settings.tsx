// Language and theme: kept by the engine (settings.get/set) so they survive restarts and are the
// same in Electron and the browser build. The i18n instance is created once and switched in place.
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Settings } from '../../shared/contract/desktop.js';
import { createI18n, type Locale } from '../../shared/i18n/index.js';
import { useClient } from './client-context.js';
import { createDeskTheme } from './theme.js';

interface SettingsState {
  settings: Settings;
  update(change: Partial<Settings>): Promise<void>;
  /** The theme actually shown ('system' resolved). */
  mode: 'light' | 'dark';
}

const SettingsContext = createContext<SettingsState | null>(null);

const FALLBACK: Settings = { locale: 'en', theme: 'system' };

export function SettingsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [settings, setSettings] = useState<Settings>(FALLBACK);
  const [i18n] = useState(() => createI18n(FALLBACK.locale));
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');

  useEffect(() => {
    // Until the engine answers, English and the system theme; an unreachable engine is reported by the session screen.
    client['settings.get']({}).then(setSettings, () => undefined);
  }, [client]);

  useEffect(() => {
    void i18n.changeLanguage(settings.locale);
    document.documentElement.lang = settings.locale;
  }, [i18n, settings.locale]);

  const update = useCallback(
    async (change: Partial<Settings>) => {
      setSettings((s) => ({ ...s, ...change }));
      setSettings(await client['settings.set'](change));
    },
    [client],
  );

  const mode = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;
  const theme = useMemo(() => createDeskTheme(mode), [mode]);
  const value = useMemo(() => ({ settings, update, mode }), [settings, update, mode]);

  return (
    <SettingsContext.Provider value={value}>
      <I18nextProvider i18n={i18n}>
        <ThemeProvider theme={theme}>
          <CssBaseline enableColorScheme />
          {children}
        </ThemeProvider>
      </I18nextProvider>
    </SettingsContext.Provider>
  );
}

export function useSettings(): SettingsState {
  const s = useContext(SettingsContext);
  if (!s) throw new Error('useSettings outside SettingsProvider');
  return s;
}

export function useLocale(): Locale {
  return useSettings().settings.locale;
}
