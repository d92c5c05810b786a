// Builds the CLI (src/cli/main.ts) into one ES module for Node 20, which cannot run TypeScript:
// `npm run build:cli` → dist-cli/cli.mjs, run by bin/connector-playground.mjs. Dependencies are
// bundled (jsonc-parser's Node entry is UMD, which ESM named imports cannot read).
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: { output: { entryFileNames: 'cli.mjs', format: 'es' } },
  },
  ssr: { target: 'node', noExternal: true },
})
