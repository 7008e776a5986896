import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API is same-origin /graphql: in dev we pass it through to the local API; in production a static server does.
const api = process.env.MUSTER_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  // Absolute asset paths: the SPA serves deep links such as /orgs/x/members/y from the same index.html.
  base: '/',
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/graphql': api, '/health': api },
  },
  preview: { port: 5174, proxy: { '/graphql': api, '/health': api } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
