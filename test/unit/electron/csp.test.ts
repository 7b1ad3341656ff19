// The CSP header: parsed into directives, each checked for what it must and must not allow.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../../electron/main/csp.js';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources] as const;
  }),
);

describe('Content-Security-Policy', () => {
  it('blocks everything by default', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('runs only the app own scripts: no inline script, no eval, no remote host', () => {
    const scripts = directives.get('script-src')!;
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.filter((s) => /^(https?:|\*|data:|blob:)/.test(s))).toEqual([]);
  });

  it('lets the page fetch only itself and PoE documents', () => {
    expect(directives.get('connect-src')).toEqual(["'self'", 'poe:']);
  });

  it('forbids plugins, frames, base rewriting, form posts and being framed', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(directives.get(name), name).toEqual(["'none'"]);
  });

  it('never allows a remote origin in any directive', () => {
    for (const [name, sources] of directives) expect(sources.filter((s) => /^(https?:|\*|http)/.test(s)), name).toEqual([]);
  });

  it('is sent with nosniff and without a referrer', () => {
    expect(securityHeaders()).toMatchObject({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  });
});
