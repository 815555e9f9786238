import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One build for every stage: what differs (region, pool, bot, endpoints) is read at run time
// from /config.json, which the stack writes next to the bundle.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No inline scripts or styles: the CSP forbids 'unsafe-inline'.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
  },
});
