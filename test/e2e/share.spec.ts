// Share links: the round trip into a fresh browser context as a new project, secrets stripped,
// and hostile links (corrupt, oversized, decompression bombs) refused without touching any work.
import { decodeShareLink, MAX_LINK_CHARS } from '../../src/share'
import {
  editorView,
  expect,
  openApp,
  openFile,
  replaceEditorText,
  storedFile,
  templateFile,
  test,
  waitForSaved,
  watchNetwork,
  connectDemo,
} from './fixtures'
import type { Page } from '@playwright/test'

async function createShareUrl(page: Page): Promise<string> {
  await page.getByTestId('share-button').click()
  const url = await page.getByTestId('share-url').inputValue()
  expect(url).toMatch(/^http:\/\/localhost:\d+\/#p1\/[A-Za-z0-9_-]+$/)
  return url
}

async function closeShareDialog(page: Page): Promise<void> {
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click()
}

async function projectNames(page: Page): Promise<string[]> {
  await page.getByTestId('projects-button').click()
  const names = await page.getByTestId('project-row').locator('.project-name').allTextContents()
  await page.getByTestId('projects-dialog').getByRole('button', { name: 'Close' }).click()
  return names
}

test('a share link recreates the project in a fresh browser context, as a new project', async ({
  page,
  browser,
}) => {
  await openApp(page)
  await openFile(page, 'connector.json')
  const edited = templateFile('connector.json').replace(
    'Manage employees',
    'Shared edit: manage employees',
  )
  await replaceEditorText(page, edited)
  await waitForSaved(page)
  const url = await createShareUrl(page)
  await closeShareDialog(page)

  const fresh = await browser.newContext()
  const network = await watchNetwork(fresh)
  const other = await fresh.newPage()
  const errors: string[] = []
  other.on('pageerror', (e) => errors.push(e.message))
  await openApp(other, url)
  await expect(other.getByTestId('notice')).toContainText(
    'Opened a shared project as a new project',
  )
  await expect(other.getByTestId('project-title')).toHaveText('Acme HR connector (shared)')
  await openFile(other, 'connector.json')
  await expect(editorView(other)).toContainText('Shared edit: manage employees')
  expect(await storedFile(other, 'connector.json')).toBe(edited)
  expect(new URL(other.url()).hash).toBe('') // a reload does not import it again
  // Connections are never shared: the recipient's run has none, until they make their own.
  await other.getByTestId('run-button').click()
  await expect(other.getByTestId('run-result')).toHaveAttribute('data-status', 'failed')
  await expect(other.getByTestId('run-error')).toContainText('HTTP 401')
  await connectDemo(other)
  await other.getByTestId('run-button').click()
  await expect(other.getByTestId('run-result')).toHaveAttribute('data-status', 'success')
  expect(await projectNames(other)).toEqual(['Acme HR connector (shared)'])
  expect(errors).toEqual([])
  expect(network.leaks).toEqual([])
  await fresh.close()

  // The sharer's own project is untouched.
  expect(await projectNames(page)).toEqual(['Acme HR connector'])
})

test('opening a share link never overwrites existing work', async ({ page }) => {
  await openApp(page)
  await openFile(page, 'connector.json')
  const mine = templateFile('connector.json').replace('Acme HR account', 'My own work')
  await replaceEditorText(page, mine)
  const url = await createShareUrl(page)
  await closeShareDialog(page)

  // Paste the link into this same tab (a hash change, no reload).
  await page.goto(url)
  await expect(page.getByTestId('project-title')).toHaveText('Acme HR connector (shared)')
  expect((await projectNames(page)).sort()).toEqual([
    'Acme HR connector',
    'Acme HR connector (shared)',
  ])
  await page.getByTestId('projects-button').click()
  await page.getByRole('button', { name: /^Acme HR connector Edited/ }).click()
  await openFile(page, 'connector.json')
  await expect(editorView(page)).toContainText('My own work')
  expect(await storedFile(page, 'connector.json')).toBe(mine)
})

test('secret-looking values are stripped from the link and listed', async ({ page }) => {
  await openApp(page)
  await openFile(page, 'flows/List Users.json')
  const text = templateFile('flows/List Users.json')
  const withSecret = text.replace(
    '"relative_url": "/users",',
    '"relative_url": "/users", "password": "hunter2-do-not-share",',
  )
  expect(withSecret).not.toBe(text)
  await replaceEditorText(page, withSecret)
  await waitForSaved(page)
  const url = await createShareUrl(page)
  await expect(page.getByTestId('share-stripped')).toContainText('flows/List Users.json')
  await expect(page.getByTestId('share-stripped')).toContainText('/steps/1/inputs/password')

  const decoded = await decodeShareLink(new URL(url).hash)
  expect(decoded.ok).toBe(true)
  expect(JSON.stringify(decoded)).not.toContain('hunter2-do-not-share')
  expect(url).not.toContain('hunter2')
})

const hostileLinks: [string, () => Promise<string>, RegExp][] = [
  ['corrupt', async () => '#p1/this-is-not!valid', /not valid base64url|damaged/],
  ['truncated', async () => '#p1/q1YqSs', /damaged/],
  ['oversized', async () => `#p1/${'A'.repeat(MAX_LINK_CHARS + 10)}`, /too long/],
  [
    'decompression bomb',
    async () => {
      const zeros = new Uint8Array(32 * 1024 * 1024)
      const stream = new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate-raw'))
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
      return `#p1/${Buffer.from(bytes).toString('base64url')}`
    },
    /expands to more than/,
  ],
]

for (const [name, makeHash, message] of hostileLinks) {
  test(`a ${name} share link shows a clear message and leaves projects untouched`, async ({
    page,
  }) => {
    await openApp(page)
    await openFile(page, 'connector.json')
    const before = templateFile('connector.json').replace('Acme HR account', `Before ${name} link`)
    await replaceEditorText(page, before)
    await waitForSaved(page)

    await page.goto(`/${await makeHash()}`)
    await expect(page.getByTestId('notice')).toContainText('could not be opened')
    await expect(page.getByTestId('notice')).toContainText(message)
    await expect(page.getByTestId('notice')).toContainText('Your projects were not changed')
    expect(await projectNames(page)).toEqual(['Acme HR connector'])
    expect(await storedFile(page, 'connector.json')).toBe(before)
    await page.reload()
    await openFile(page, 'connector.json')
    await expect(editorView(page)).toContainText(`Before ${name} link`)
  })
}
