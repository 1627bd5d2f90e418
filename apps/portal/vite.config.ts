import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// In development the API runs on :3000 (`pnpm start`); the proxy presents the product's own origin to it.
export default defineConfig({
  base: '/',
  plugins: [vue()],
  server: { port: 5173, proxy: { '/trpc': { target: 'http://localhost:3000', headers: { origin: 'http://localhost:3000' } } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
