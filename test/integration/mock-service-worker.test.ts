// The committed MSW service worker must be the one the installed msw generates (it lives in
// public/ and is not updated by `npm install`), and our wrapper must import it unchanged.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

test('public/mockServiceWorker.js matches the installed msw (run `npx msw init public` after upgrading)', () => {
  expect(read('public/mockServiceWorker.js')).toBe(
    read('node_modules/msw/lib/mockServiceWorker.js'),
  )
})

test('the playground service worker imports the generated worker and routes own assets to the network', () => {
  const wrapper = read('public/playground-sw.js')
  expect(wrapper).toContain("importScripts('./mockServiceWorker.js')")
  expect(wrapper).toContain("source: 'network'")
  expect(read('src/mocks/browser.ts')).toContain('playground-sw.js')
})
