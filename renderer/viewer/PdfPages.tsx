// The scrolling pages of one pdf.js viewer, and the PdfController that drives them: created when
// the pages mount, handed to the owner, destroyed when they go. The claim's viewer and an
// attachment's viewer are both this.
import Box from '@mui/material/Box';
import { useEffect, useRef, type ReactNode } from 'react';
import { PdfController } from './pdf-controller.js';

export function PdfPages({ label, onController, children }: { label: string; onController(c: PdfController | null): void; children?: ReactNode }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const pagesRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // A claim opened by J/K or after a decision starts with the keyboard on its pages (arrows
    // scroll, shortcuts work), unless the reviewer already put focus somewhere.
    if (document.activeElement === document.body || document.activeElement === null) containerRef.current?.focus({ preventScroll: true });
    const c = new PdfController(containerRef.current!, pagesRef.current!);
    onController(c);
    return () => {
      c.destroy();
      onController(null);
    };
  }, [onController]);

  return (
    <Box sx={{ position: 'relative', flex: 1, minWidth: 0, bgcolor: (th) => (th.palette.mode === 'dark' ? '#2a2d33' : '#e4e6ea') }}>
      <Box
        ref={containerRef}
        tabIndex={0}
        role="region"
        aria-label={label}
        data-testid="pdf-pages"
        sx={{ position: 'absolute', inset: 0, overflow: 'auto', outline: 'none', '&:focus-visible': { boxShadow: (th) => `inset 0 0 0 2px ${th.palette.primary.main}` } }}
      >
        <div ref={pagesRef} className="pdfViewer" />
      </Box>
      {children}
    </Box>
  );
}
