import { fileURLToPath } from 'node:url';
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

/**
 * Deep links under /console/ must get the console page, not the public one.
 * Vite's own SPA fallback only knows the root index.html, so dev and preview
 * servers rewrite extension-less /console/* requests here; in production the
 * Express server does the same.
 */
function consoleFallback(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const path = req.url?.split('?')[0] ?? '';
    const isConsolePage = path === '/console' || (path.startsWith('/console/') && !/\.[a-z0-9]+$/i.test(path));
    const acceptsHtml = req.headers.accept?.includes('text/html') ?? false;
    if (isConsolePage && acceptsHtml) req.url = '/console/index.html';
    next();
  };
  return {
    name: 'woodpecker-console-fallback',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

/**
 * Brotli and gzip twins of every compressible file, written beside the originals
 * (which stay, for clients that accept neither); the server picks one per request.
 * Fonts count only in their uncompressed formats: woff/woff2 are compressed already.
 */
const precompressed = compression({
  algorithms: ['brotliCompress', 'gzip'],
  include: /\.(html|css|js|mjs|json|svg|txt|xml|webmanifest|wasm|ttf|otf|eot)$/,
});

const proxy = Object.fromEntries(['/api', '/p', '/healthz', '/readyz'].map((prefix) => [prefix, apiServer]));

export default defineConfig({
  root: clientRoot,
  base: '/',
  plugins: [react(), consoleFallback(), precompressed],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The console's antd chunk is ~600 kB minified (~200 kB gzip) and staff-only; the
    // public entry stays far below this. Warn only if something grows unexpectedly.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: {
        public: fileURLToPath(new URL('./index.html', import.meta.url)),
        console: fileURLToPath(new URL('./console/index.html', import.meta.url)),
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
