// Who is signed in, against which server, and the deployment's business calendar (every SLA text
// and deadline in the UI is computed with it, in its zone).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DeskUser, Session } from '../../shared/contract/desktop.js';
import { BusinessCalendar, listedHolidays } from '../../shared/domain/calendar.js';
import type { Actor } from '../../shared/domain/model.js';
import { useClient } from './client-context.js';
import { actorOf } from '../../shared/domain/users.js';

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string; retry(): void }
  | { phase: 'ready'; session: Session };

interface SessionApi {
  state: SessionState;
  signIn(args: { serverUrl?: string; username: string; password: string }): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [state, setState] = useState<SessionState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    client['session.current']({}).then(
      (session) => live && setState({ phase: 'ready', session }),
      (error: Error) => live && setState({ phase: 'unreachable', message: error.message, retry: () => setAttempt((n) => n + 1) }),
    );
    return () => {
      live = false;
    };
  }, [client, attempt]);

  const signIn = useCallback(
    async (args: { serverUrl?: string; username: string; password: string }) => {
      setState({ phase: 'ready', session: await client['session.signIn'](args) });
    },
    [client],
  );
  const signOut = useCallback(async () => {
    setState({ phase: 'ready', session: await client['session.signOut']({}) });
  }, [client]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionApi(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSessionApi outside SessionProvider');
  return s;
}

export interface SignedIn {
  user: DeskUser;
  session: Session;
  calendar: BusinessCalendar;
  /** The signed-in user as the domain's actor, for `can` and `availableActions`. */
  actor: Actor;
  zone: string;
}

const SignedInContext = createContext<SignedIn | null>(null);

/** Provides the signed-in user to the desk; only rendered once there is one. */
export function SignedInProvider({ session, user, children }: { session: Session; user: DeskUser; children: ReactNode }) {
  const value = useMemo<SignedIn>(() => {
    const calendar = new BusinessCalendar(session.calendar, listedHolidays(session.publicHolidays));
    const actor = actorOf(user);
    return { user, session, calendar, actor, zone: calendar.zone };
  }, [session, user]);
  return <SignedInContext.Provider value={value}>{children}</SignedInContext.Provider>;
}

export function useSignedIn(): SignedIn {
  const s = useContext(SignedInContext);
  if (!s) throw new Error('useSignedIn outside SignedInProvider');
  return s;
}
