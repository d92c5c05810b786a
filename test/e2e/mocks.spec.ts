// The mock service worker: registered and controlling the page, answering page fetches to mock
// hosts from the same state flows see; and when the page is not controlled, flows still run
// in-process and the status says so.
import { expect, openApp, test, waitForMocks, connectDemo } from './fixtures'

const basic = `Basic ${Buffer.from('demo:Acme-Demo-7431').toString('base64')}`

test('page fetches to a mock host share state with flows', async ({ page, network }) => {
  await openApp(page)
  await waitForMocks(page)
  await connectDemo(page)
  const registered = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    return registration?.active?.scriptURL ?? ''
  })
  expect(registered).toMatch(/\/playground-sw\.js$/)

  const created = await page.evaluate(async (authorization) => {
    const response = await fetch('https://hr.example/api/v1/users', {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'new.hire@acme.example',
        firstName: 'New',
        department: 'Finance',
      }),
    })
    return { status: response.status, body: (await response.json()) as { id: string } }
  }, basic)
  expect(created.status).toBe(201)
  expect(created.body.id).toBe('u1013')

  // The flow, running in the engine worker, sees the user the page created.
  await page.getByLabel('Department').fill('Finance')
  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('run-outputs')).toContainText('"total": 3')
  await expect(page.getByTestId('run-outputs')).toContainText('new.hire@acme.example')

  const denied = await page.evaluate(
    async () => (await fetch('https://hr.example/api/v1/users')).status,
  )
  expect(denied).toBe(401)
  expect(network.mocked.some((url) => url.startsWith('https://hr.example/api/v1/users'))).toBe(true)
})

test('without a controlling service worker, flows still run in-process and the status says so', async ({
  browser,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const page = await context.newPage()
  await openApp(page)
  await expect(page.getByTestId('mock-status')).toHaveAttribute('data-status', 'in-process')
  await expect(page.getByTestId('mock-status')).toHaveText('Mocks: in-process only')
  await connectDemo(page)
  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'success')
  await expect(page.getByTestId('run-outputs')).toContainText('"total": 12')
  await context.close()
})

test("after a reload, the app's own assets bypass the service worker's fetch handler", async ({
  page,
}) => {
  await openApp(page)
  await waitForMocks(page)
  await page.reload()
  await expect(page.locator('[data-testid=editor][data-ready=true]')).toBeVisible()
  await waitForMocks(page)
  // The reloaded page really is controlled by the mock service worker …
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
    /\/playground-sw\.js$/,
  )
  // … yet none of its own scripts went through the fetch handler. A static 'network' route may
  // not even start the service worker (workerStart 0); a request the fetch handler answered would
  // show workerStart > 0 with no 'network' route matched.
  const assets = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/assets/') && e.name.endsWith('.js'))
      .map((entry) => {
        const e = entry as PerformanceResourceTiming & { workerMatchedSourceType?: string }
        return { name: e.name, workerStarted: e.workerStart > 0, source: e.workerMatchedSourceType }
      }),
  )
  expect(assets.length).toBeGreaterThan(2)
  const throughHandler = assets.filter((a) => a.workerStarted && a.source !== 'network')
  expect(throughHandler, JSON.stringify(assets)).toEqual([])
})
