import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the API at /console from console/dist (src/http/console.route.ts).
// Everything is bundled: no asset comes from a CDN, so it works with no internet.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Pages load lazily (app.tsx), so the graph and chart libraries come only with the pages that draw.
    chunkSizeWarningLimit: 900,
  },
  logLevel: 'warn',
});
