// The renderer's build: one static bundle in dist/renderer that the browser host and Electron both
// serve. `base: './'` keeps every asset URL relative, so the same files work from the host's HTTP
// root and from Electron's custom protocol. During `vite dev`, /api and /poe go to a running host
// (POE_HOST_URL, e.g. the address `npm run web` prints).
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const host = process.env.POE_HOST_URL;

/**
 * pdf.js loads its standard fonts (PDFs that use Helvetica & co. without embedding them), CMaps
 * (CJK text) and image-decoder wasm by URL at run time; ship them beside the bundle under pdfjs/.
 */
function pdfjsData(): Plugin {
  const root = join(process.cwd(), 'node_modules/pdfjs-dist');
  const dirs = ['standard_fonts', 'cmaps', 'wasm', 'iccs'];
  return {
    name: 'poe-desk:pdfjs-data',
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const [dir, file] = (req.url ?? '').replace(/^\//, '').split('?')[0]!.split('/');
        if (!dir || !file || !dirs.includes(dir) || file.includes('..')) return next();
        const path = join(root, dir, file);
        if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return next();
        createReadStream(path).pipe(res);
      });
    },
    generateBundle() {
      for (const dir of dirs) {
        for (const file of readdirSync(join(root, dir))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${file}`, source: readFileSync(join(root, dir, file)) });
        }
      }
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), pdfjsData()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    // The claim view (with pdf.js) is its own chunk, loaded when a claim opens; the main chunk
    // carries MUI and the holiday calendars every SLA reading needs. A desktop app loads both from disk.
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
  },
  server: host ? { proxy: { '/api': host, '/poe': host } } : {},
});
