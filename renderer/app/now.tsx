// "Now" for SLA readings: one ticking clock for the whole UI, so every "2 business days left" in
// the queue and the header changes together, and no component calls Date.now() while rendering.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

const NowContext = createContext<string>(new Date().toISOString());

export function NowProvider({ children, tickMs = 30_000 }: { children: ReactNode; tickMs?: number }) {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

export function useNow(): string {
  return useContext(NowContext);
}
