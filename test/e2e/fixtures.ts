// Shared e2e fixtures. Every test gets two oracles: no request may leave localhost unless the
// mock service worker answered it (the playground never calls the real internet), and no
// uncaught page error may happen. Plus small helpers to drive the app as a person would.
import { readFileSync } from 'node:fs'
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test'

export interface NetworkLog {
  /** Requests to non-localhost hosts that were not answered by the mock service worker. */
  leaks: string[]
  /** Requests to mock hosts (*.example) answered by the service worker. */
  mocked: string[]
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url)
  return (
    protocol === 'data:' ||
    protocol === 'blob:' ||
    hostname === 'localhost' ||
    hostname === '127.0.0.1'
  )
}

export async function watchNetwork(context: BrowserContext): Promise<NetworkLog> {
  const log: NetworkLog = { leaks: [], mocked: [] }
  // Hard stop: anything bound for a real host is aborted before it leaves the machine.
  await context.route(
    (url) => !isLocal(url.href) && !url.hostname.endsWith('.example'),
    (route) => {
      log.leaks.push(route.request().url())
      return route.abort()
    },
  )
  context.on('requestfinished', (request) => {
    const url = request.url()
    if (isLocal(url)) return
    void request.response().then((response) => {
      if (response?.fromServiceWorker()) log.mocked.push(url)
      else log.leaks.push(url)
    })
  })
  context.on('requestfailed', (request) => {
    if (!isLocal(request.url())) log.leaks.push(`${request.url()} (failed)`)
  })
  return log
}

export const test = base.extend<{ network: NetworkLog }>({
  network: async ({ context }, use) => {
    const log = await watchNetwork(context)
    await use(log)
    expect(log.leaks, 'requests that left localhost').toEqual([])
  },
  page: async ({ page, network }, use) => {
    void network
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await use(page)
    expect(errors, 'uncaught errors in the page').toEqual([])
  },
})

export { expect }

/** Opens the app and waits until the editor is ready and the project is open. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path)
  await expect(page.locator('[data-testid=editor][data-ready=true]')).toBeVisible()
  await expect(page.getByTestId('project-title')).toBeVisible()
}

/** Waits until the mock service worker controls the page. */
export async function waitForMocks(page: Page): Promise<void> {
  await expect(page.getByTestId('mock-status')).toHaveAttribute('data-status', 'service-worker')
}

export async function openFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('file-entry').filter({ hasText: path }).click()
  await expect(page.locator('.editor-tab')).toHaveText(path)
}

/** Replaces the whole text of the open editor as a person would: click in, select all, paste. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await page.locator('.monaco-editor .view-lines').first().click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
  await expect
    .poll(() =>
      page.evaluate(
        () => document.querySelector('.monaco-editor .view-lines')?.textContent?.length ?? 0,
      ),
    )
    .toBeGreaterThan(0)
}

/** Reads a file of the open project from IndexedDB, the source of truth (after autosave). */
export async function storedFile(page: Page, path: string): Promise<string | undefined> {
  return page.evaluate(async (file) => {
    const open = indexedDB.open('connector-playground')
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const read = <T>(store: string, key: string) =>
      new Promise<T>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).get(key)
        request.onsuccess = () => resolve(request.result as T)
        request.onerror = () => reject(request.error)
      })
    const id = await read<string>('settings', 'lastOpenedProjectId')
    const project = await read<{ files: Record<string, string> } | undefined>('projects', id)
    db.close()
    return project?.files[file]
  }, path)
}

export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveText('Saved')
}

/** A file of the Acme HR template, as shipped (the starting point of most tests' edits). */
export function templateFile(path: string): string {
  return readFileSync(new URL(`../../fixtures/templates/acme-hr/${path}`, import.meta.url), 'utf8')
}

/** The visible editor text (Monaco draws spaces as no-break spaces; matchers normalise them). */
export function editorView(page: Page) {
  return page.locator('.monaco-editor .view-lines').first()
}

/**
 * Makes a connection with the mock service's demo credentials through the Connections page, as a
 * person would, then returns to the editor (where the Run panel selects it).
 */
export async function connectDemo(page: Page): Promise<void> {
  await page.getByTestId('nav-connections').click()
  await page.getByTestId('new-connection').click()
  // The modal dialog (the editor's hidden side pane may hold the inline preview of the same form).
  const dialog = page.locator('dialog[data-testid=connection-dialog]')
  await dialog.getByTestId('connection-demo-fill').click()
  await dialog.getByTestId('connection-submit').click()
  await expect(page.getByTestId('connection-health').last()).toHaveAttribute('data-state', 'ok')
  await page.getByTestId('nav-editor').click()
  await expect(page.getByTestId('connection-select')).not.toHaveValue('')
}
