// Vite: the solid plugin, ES-module workers (the engine worker and Monaco's), and a bundle split
// that keeps Monaco and MSW out of the entry chunk (both load lazily).
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

export default defineConfig({
  plugins: [solid()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
})
