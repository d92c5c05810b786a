// The project tree: folders with files; New flow creates a skeleton that validates cleanly and
// is autosaved; files are renamed in place (collisions and unsafe names refused inline) and
// deleted after a confirmation; connector.json cannot be deleted.
import type { Page } from '@playwright/test'
import { expect, openApp, storedFile, test, waitForSaved } from './fixtures'

/** Waits for the engine and the first validation, and returns the validation count. */
async function settled(page: Page): Promise<number> {
  await expect(page.getByTestId('run-button')).toBeEnabled()
  const side = page.locator('.side-pane')
  await expect
    .poll(async () => Number(await side.getAttribute('data-validations')))
    .toBeGreaterThan(0)
  return Number(await side.getAttribute('data-validations'))
}

/** Waits for a validation newer than `after`. */
async function validatedAfter(page: Page, after: number): Promise<void> {
  const side = page.locator('.side-pane')
  await expect
    .poll(async () => Number(await side.getAttribute('data-validations')))
    .toBeGreaterThan(after)
}

const problemCount = (page: Page) => page.locator('.problems .count')

test('create a helper flow, rename it and delete it; every change survives a reload', async ({
  page,
}) => {
  await openApp(page)
  const validations = await settled(page)
  const problemsBefore = (await problemCount(page).textContent()) ?? ''

  // The tree: connector.json, then the folders.
  const tree = page.getByTestId('project-tree')
  await expect(tree.getByTestId('folder-flows')).toContainText('flows')
  await expect(tree.getByTestId('folder-workflows')).toContainText('workflows')
  await expect(tree.getByText('No workflows yet.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Delete connector.json' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Rename connector.json' })).toHaveCount(0)

  // New flow: a helper.
  await page.getByRole('button', { name: '+ Flow' }).click()
  const dialog = page.getByTestId('new-file-dialog')
  await expect(dialog.getByRole('heading', { name: 'New flow' })).toBeVisible()
  await dialog.getByLabel('Kind').selectOption('helper')
  await dialog.getByLabel('Name').fill('httpHelper')
  await expect(dialog.getByTestId('new-file-feedback')).toContainText(
    'A flow named "httpHelper" already exists',
  )
  await dialog.getByLabel('Name').fill('Format Name')
  await expect(dialog.getByTestId('new-file-feedback')).toHaveText('Creates flows/Format Name.json')
  await page.screenshot({ path: 'test-results/project-tree-new-flow.png' })
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toBeHidden()

  const entry = page.getByTestId('file-entry').filter({ hasText: 'flows/Format Name.json' })
  await expect(entry).toHaveAttribute('aria-current', 'page')
  await expect(page.locator('.editor-tab')).toHaveText('flows/Format Name.json')
  await expect(
    page.getByTestId('flow-select').locator('option', { hasText: 'Format Name (helper)' }),
  ).toHaveCount(1)
  await waitForSaved(page)
  expect(JSON.parse((await storedFile(page, 'flows/Format Name.json')) ?? '')).toMatchObject({
    name: 'Format Name',
    kind: 'helper',
  })
  // It validates cleanly: the Problems count is what it was, and nothing is about the new file.
  await validatedAfter(page, validations)
  await expect(problemCount(page)).toHaveText(problemsBefore)
  await expect(page.getByTestId('problem').filter({ hasText: 'Format Name' })).toHaveCount(0)
  await page.screenshot({ path: 'test-results/project-tree-created.png' })

  await page.reload()
  await openApp(page)
  await expect(entry).toBeVisible()

  // Rename the open file: collisions and unsafe names are refused inline; a good name moves the
  // file and the editor stays on it.
  await entry.click()
  await expect(page.locator('.editor-tab')).toHaveText('flows/Format Name.json')
  await entry.hover()
  await page.getByRole('button', { name: 'Rename flows/Format Name.json' }).click()
  const input = page.getByLabel('New name for flows/Format Name.json')
  await input.fill('list users')
  await input.press('Enter')
  await expect(page.getByTestId('rename-error')).toHaveText('flows/List Users.json already exists.')
  await input.fill('../escape')
  await input.press('Enter')
  await expect(page.getByTestId('rename-error')).toContainText('cannot contain /')
  await page.screenshot({ path: 'test-results/project-tree-rename-error.png' })
  await input.fill('Formatter')
  await page.getByRole('button', { name: 'Save' }).click()
  const renamed = page.getByTestId('file-entry').filter({ hasText: 'flows/Formatter.json' })
  await expect(renamed).toHaveAttribute('aria-current', 'page')
  await expect(page.locator('.editor-tab')).toHaveText('flows/Formatter.json')
  await expect(entry).toHaveCount(0)
  await waitForSaved(page)
  expect(await storedFile(page, 'flows/Format Name.json')).toBeUndefined()
  expect(await storedFile(page, 'flows/Formatter.json')).toContain('"name": "Format Name"')

  // Delete asks first; Cancel keeps the file.
  await renamed.hover()
  await page.getByRole('button', { name: 'Delete flows/Formatter.json' }).click()
  const confirm = page.getByTestId('confirm-dialog')
  await expect(confirm).toContainText('flows/Formatter.json will be deleted')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(renamed).toBeVisible()
  await renamed.hover()
  await page.getByRole('button', { name: 'Delete flows/Formatter.json' }).click()
  await confirm.getByRole('button', { name: 'Delete file' }).click()
  await expect(renamed).toHaveCount(0)
  await expect(page.locator('.editor-tab')).toHaveText('connector.json')
  await expect(
    page.getByTestId('flow-select').locator('option', { hasText: 'Format Name' }),
  ).toHaveCount(0)
  await waitForSaved(page)

  await page.reload()
  await openApp(page)
  await expect(page.getByTestId('file-entry').filter({ hasText: 'Formatter' })).toHaveCount(0)
  expect(await storedFile(page, 'flows/Formatter.json')).toBeUndefined()
})

test('New workflow creates a consumer flow with the chosen trigger', async ({ page }) => {
  await openApp(page)
  const validations = await settled(page)
  await page.getByRole('button', { name: '+ Workflow' }).click()
  const dialog = page.getByTestId('new-file-dialog')
  await dialog.getByLabel('Trigger').selectOption('schedule')
  await dialog.getByLabel('Name').fill('Nightly sync')
  await dialog.getByLabel('Name').press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.locator('.editor-tab')).toHaveText('workflows/Nightly sync.json')
  await waitForSaved(page)
  expect(JSON.parse((await storedFile(page, 'workflows/Nightly sync.json')) ?? '')).toMatchObject({
    name: 'Nightly sync',
    trigger: { type: 'schedule' },
  })
  await validatedAfter(page, validations)
  await expect(page.getByTestId('problem').filter({ hasText: 'workflows/' })).toHaveCount(0)
})
