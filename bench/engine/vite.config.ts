// Builds the engine bench's entry (bench/engine/entry.ts) into one ES module for node 20, which
// cannot import the TypeScript engine directly: bench/results/engine-dist/engine.mjs, imported
// by bench/engine.mjs. Like cli/vite.config.ts, dependencies are bundled; output goes under
// bench/results/, which git, ESLint and Prettier ignore.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'bench/engine/entry.ts',
    outDir: 'bench/results/engine-dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: { output: { entryFileNames: 'engine.mjs', format: 'es' } },
  },
  ssr: { target: 'node', noExternal: true },
})
