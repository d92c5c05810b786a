// Vite config for the bench baseline page (bench/bare): Monaco alone, built like the app (ES-module
// workers, same target). Output goes under bench/results/, which git, ESLint and Prettier ignore.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  root: here('./bare'),
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: here('./results/dist-bare'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8192,
  },
  preview: { port: 4181 },
})
