// Connections in real Chromium, driven as a person would: a connection of each auth type made
// through the New Connection dialog (the OAuth one through the consent popup, allowed and denied),
// the virtual clock and token refresh, fault injection visibly changing a run, the request
// console, and a deleted connection's token rejected by the mock service.
import type { Page } from '@playwright/test'
import { expect, openApp, replaceEditorText, templateFile, test, waitForMocks } from './fixtures'

async function newProjectFrom(page: Page, template: string) {
  await page.getByTestId('projects-button').click()
  await page.getByTestId('projects-dialog').getByTestId(`template-${template}`).click()
  await expect(page.getByTestId('projects-dialog')).toBeHidden()
}

async function openConnections(page: Page) {
  await page.getByTestId('nav-connections').click()
  await expect(page.getByTestId('connections-page')).toBeVisible()
}

async function runFlow(page: Page, flow: string) {
  await page.getByTestId('nav-editor').click()
  await page.getByTestId('flow-select').selectOption(flow)
  const button = page.getByTestId('run-button')
  await button.click()
  await expect(button).toHaveText('Run')
  const result = page.getByTestId('run-result')
  await expect(result).toBeVisible()
  return (await result.getAttribute('data-status')) ?? ''
}

/** Reads a connection's stored access token straight from IndexedDB (the test's oracle). */
async function storedAccessToken(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const open = indexedDB.open('connector-playground')
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const all = await new Promise<{ tokens?: { accessToken: string } }[]>((resolve, reject) => {
      const request = db.transaction('connections').objectStore('connections').getAll()
      request.onsuccess = () => resolve(request.result as { tokens?: { accessToken: string } }[])
      request.onerror = () => reject(request.error)
    })
    db.close()
    return all[0]?.tokens?.accessToken
  })
}

test('Basic: a connection made in the dialog runs _authping and is used by a run', async ({
  page,
}) => {
  await openApp(page)
  await openConnections(page)
  await page.getByTestId('new-connection').click()
  const dialog = page.locator('dialog[data-testid=connection-dialog]')
  await expect(dialog.getByTestId('connection-field-username')).toBeVisible()
  await dialog.getByTestId('connection-name').fill('HR demo')
  await dialog.getByTestId('connection-field-username').fill('demo')
  await dialog.getByTestId('connection-field-password').fill('wrong-password')
  await dialog.getByTestId('connection-submit').click()
  // A refused password still makes the connection; _authping marks it failed.
  const row = page.getByTestId('connection-row')
  await expect(row.getByTestId('connection-health')).toHaveAttribute('data-state', 'failed')
  await expect(row).toContainText('401')

  await expect(dialog.getByTestId('connection-error')).toContainText('401')
  // The dialog stays open with what was typed; retrying reauthorizes the same connection.
  await dialog.getByTestId('connection-demo-fill').click()
  await dialog.getByTestId('connection-submit').click()
  await expect(row.getByTestId('connection-health')).toHaveAttribute('data-state', 'ok')
  await expect(row).toContainText('Connected to Acme HR as Demo Admin')
  await expect(page.getByTestId('connection-row')).toHaveCount(1)
  await expect(page.locator('body')).not.toContainText('Acme-Demo-7431')

  // Reauthorize from the row: the dialog opens prefilled (secrets must be typed again).
  await row.getByTestId('connection-reauthorize').click()
  await expect(dialog.getByTestId('connection-field-username')).toHaveValue('demo')
  await expect(dialog.getByTestId('connection-field-password')).toHaveValue('')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await row.getByTestId('connection-test').click()
  await expect(page.getByTestId('connection-outcome')).toContainText('Demo Admin')

  expect(await runFlow(page, 'List Users')).toBe('success')

  // The connection (its secret in IndexedDB only) survives a reload, selected in the Run panel.
  await page.reload()
  await expect(page.locator('[data-testid=editor][data-ready=true]')).toBeVisible()
  await expect(page.getByTestId('connection-select')).toHaveValue(/.+/)
  expect(await runFlow(page, 'List Users')).toBe('success')
  await openConnections(page)
  await expect(page.getByTestId('connection-row')).toContainText('HR demo')
})

test('OAuth 2.0 authorization code: consent in a popup, refresh on the virtual clock, delete revokes', async ({
  page,
}) => {
  await openApp(page)
  await waitForMocks(page)
  await newProjectFrom(page, 'nimbus-files')
  await openConnections(page)

  // Denied first: no connection, and the dialog says why.
  await page.getByTestId('new-connection').click()
  const dialog = page.locator('dialog[data-testid=connection-dialog]')
  await dialog.getByTestId('connection-tab-permissions').click()
  await expect(dialog.getByTestId('connection-scope-profile')).toBeDisabled()
  await expect(dialog.getByTestId('connection-scope-files.write')).toBeEnabled()
  await dialog.getByTestId('connection-tab-general').click()
  const denied = page.waitForEvent('popup')
  await dialog.getByTestId('connection-submit').click()
  const denyPopup = await denied
  await expect(denyPopup.getByTestId('consent-screen')).toContainText('Nimbus Files')
  await denyPopup.getByTestId('consent-deny').click()
  await expect(dialog.getByTestId('connection-error')).toContainText(/denied/i)
  await expect(denyPopup.getByTestId('consent-result')).toContainText(/denied/i)
  await expect(page.getByTestId('connection-row')).toHaveCount(0)
  await denyPopup.close()

  const allowed = page.waitForEvent('popup')
  await dialog.getByTestId('connection-submit').click()
  const popup = await allowed
  await expect(popup.getByTestId('consent-screen')).toContainText('Connector Playground')
  await popup.getByTestId('consent-allow').click()
  await popup.waitForEvent('close')
  const row = page.getByTestId('connection-row')
  await expect(row.getByTestId('connection-health')).toHaveAttribute('data-state', 'ok')
  await expect(row).toContainText('Connected to Nimbus Files as Dana Whitfield')

  const first = await storedAccessToken(page)
  expect(first).toBeTruthy()
  expect(await runFlow(page, 'List Files')).toBe('success')

  // Fast-forward past the token's life: the next call refreshes it first.
  await page.getByTestId('nav-mocks').click()
  await page.getByTestId('clock-advance-1h').click()
  expect(await runFlow(page, 'List Files')).toBe('success')
  const second = await storedAccessToken(page)
  expect(second).toBeTruthy()
  expect(second).not.toBe(first)

  // Delete runs the revoke flow; afterwards the service rejects the old token.
  await openConnections(page)
  await row.getByTestId('connection-delete').click()
  await page
    .getByTestId('confirm-dialog')
    .getByRole('button', { name: /delete/i })
    .click()
  await expect(page.getByTestId('connection-outcome')).toContainText('revoke flow revoked')
  await expect(page.getByTestId('connection-row')).toHaveCount(0)
  const status = await page.evaluate(async (token) => {
    const response = await fetch('https://files.example/api/v2/me', {
      headers: { authorization: `Bearer ${token}` },
    })
    return response.status
  }, second)
  expect(status).toBe(401)
})

test('OAuth 2.0 client credentials: no popup, tokens from the client ID and secret', async ({
  page,
}) => {
  await openApp(page)
  await newProjectFrom(page, 'nimbus-files-service')
  await openConnections(page)
  await page.getByTestId('new-connection').click()
  const dialog = page.locator('dialog[data-testid=connection-dialog]')
  await dialog.getByTestId('connection-field-client_id').fill('reports-bot')
  await dialog.getByTestId('connection-field-client_secret').fill('not-the-secret')
  await dialog.getByTestId('connection-submit').click()
  await expect(dialog.getByTestId('connection-error')).toContainText('invalid_client')
  await dialog.getByTestId('connection-demo-fill').click()
  await dialog.getByTestId('connection-submit').click()
  const row = page.getByTestId('connection-row')
  await expect(row.getByTestId('connection-health')).toHaveAttribute('data-state', 'ok')
  await expect(row).toContainText('reports-bot')
  expect(await runFlow(page, 'List Files')).toBe('success')
})

test('Custom auth: subdomain and API key; the request console applies them', async ({ page }) => {
  await openApp(page)
  await newProjectFrom(page, 'tickety')
  await openConnections(page)
  await page.getByTestId('new-connection').click()
  const dialog = page.locator('dialog[data-testid=connection-dialog]')
  await dialog.getByTestId('connection-field-subdomain').fill('acme')
  await dialog.getByTestId('connection-field-api_key').fill('tk_acme_4f9c2e7b1d3a8e60')
  await dialog.getByTestId('connection-submit').click()
  const row = page.getByTestId('connection-row')
  await expect(row.getByTestId('connection-health')).toHaveAttribute('data-state', 'ok')
  expect(await runFlow(page, 'List Tickets')).toBe('success')

  await page.getByTestId('nav-console').click()
  const console = page.getByTestId('console-page')
  await console.getByTestId('console-connection').selectOption({ index: 1 })
  await console
    .getByTestId('console-url')
    .fill('https://{{connection.subdomain}}.tickets.example/api/v1/account')
  await console.getByTestId('console-header-key').last().fill('X-Api-Key')
  await console.getByTestId('console-header-value').last().fill('{{connection.api_key}}')
  await console.getByTestId('console-send').click()
  await expect(console.getByTestId('console-status')).toContainText('200')
  await expect(console.getByTestId('console-response-body')).toContainText('Acme')
  await expect(console.getByTestId('console-sent-request')).toContainText(
    'https://acme.tickets.example/api/v1/account',
  )
  await expect(console).not.toContainText('tk_acme_4f9c2e7b1d3a8e60')
})

test('fault injection visibly changes a run, and clearing it restores it', async ({ page }) => {
  await openApp(page)
  await openConnections(page)
  await page.getByTestId('new-connection').click()
  const dialog = page.locator('dialog[data-testid=connection-dialog]')
  await dialog.getByTestId('connection-demo-fill').click()
  await dialog.getByTestId('connection-submit').click()
  await expect(page.getByTestId('connection-health')).toHaveAttribute('data-state', 'ok')

  await page.getByTestId('nav-mocks').click()
  const faults = page.getByTestId('faults-hr')
  await faults.getByTestId('fault-status').selectOption('503')
  await faults.getByTestId('fault-arm-serverError').click()
  await expect(faults.getByTestId('armed-fault')).toHaveCount(1)

  expect(await runFlow(page, 'List Users')).toBe('failed')
  await expect(page.getByTestId('run-error')).toContainText('503')

  await page.getByTestId('nav-mocks').click()
  await expect(page.getByTestId('mock-log')).toContainText('503')
  await expect(faults.getByTestId('armed-fault')).toHaveCount(0)
  expect(await runFlow(page, 'List Users')).toBe('success')
})

test('the connection dialog previews the auth definition live while editing connector.json', async ({
  page,
}) => {
  await openApp(page)
  await page.getByTestId('file-entry').filter({ hasText: 'connector.json' }).click()
  const preview = page.getByTestId('auth-preview')
  await expect(preview).toContainText('Username')
  await expect(preview.getByTestId('connection-submit')).toBeDisabled()

  // Relabel the username and add a dropdown parameter: the preview follows the typing.
  const connector = JSON.parse(templateFile('connector.json')) as {
    authentication: Record<string, unknown>
  }
  connector.authentication.usernameLabel = 'Employee ID'
  connector.authentication.parameters = [
    {
      key: 'region',
      label: 'Data region',
      type: 'dropdown',
      values: [
        { label: 'Europe', value: 'eu' },
        { label: 'United States', value: 'us' },
      ],
    },
  ]
  await replaceEditorText(page, JSON.stringify(connector, null, 2))
  await expect(preview).toContainText('Employee ID')
  await expect(preview.getByTestId('connection-field-region')).toContainText('United States')
  await replaceEditorText(page, '{ "name": ')
  await expect(preview.getByTestId('auth-preview-error')).toBeVisible()
})
