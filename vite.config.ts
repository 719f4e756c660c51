import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './web/build/precompress.js';

/**
 * The web UI (web/) built into dist/web, which the server serves at `/` (src/api/web-routes.ts).
 * `npx vite` serves it with hot reload on :5173 and sends /api to a server on :8080.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // The topology view alone carries Cytoscape.js (about 400 kB): its chunk stays over the
    // default warning, and the first page loads without it.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
