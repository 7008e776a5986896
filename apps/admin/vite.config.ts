import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API is same-origin /graphql (plus /imports for CSV uploads and rejects, /exports for CSV downloads): in dev we
// pass it through to the local API; in production a static server does. Vite's proxy streams bodies both ways.
const api = process.env.MUSTER_API_URL ?? 'http://127.0.0.1:4000';
const proxy = { '/graphql': api, '/health': api, '/imports': api, '/exports': api };

export default defineConfig({
  plugins: [react()],
  // Absolute asset paths: the SPA serves deep links such as /orgs/x/members/y from the same index.html.
  base: '/',
  server: {
    port: 5173,
    strictPort: true,
    proxy,
  },
  preview: { port: 5173, proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
