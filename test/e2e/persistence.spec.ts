// Autosave to IndexedDB: an edit survives a reload, and an edit made just before the tab is
// hidden is flushed at once.
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
} from './fixtures'

test('an edit is autosaved and still there after a reload', async ({ page }) => {
  await openApp(page)
  await openFile(page, 'connector.json')
  const original = templateFile('connector.json')
  const edited = original.replace(
    /"description": "[^"]*"/,
    '"description": "Edited before reload."',
  )
  expect(edited).not.toBe(original)
  await replaceEditorText(page, edited)
  await waitForSaved(page)
  expect(await storedFile(page, 'connector.json')).toBe(edited)

  await page.reload()
  await expect(page.locator('[data-testid=editor][data-ready=true]')).toBeVisible()
  await openFile(page, 'connector.json')
  await expect(editorView(page)).toContainText('Edited before reload.')
  await expect(page.getByTestId('project-title')).toHaveText('Acme HR connector')
})

test('an edit made just before the tab is hidden is saved at once', async ({ page }) => {
  await openApp(page)
  await openFile(page, 'connector.json')
  const edited = templateFile('connector.json').replace('Acme HR account', 'Flushed on hide')
  await replaceEditorText(page, edited)
  // The tab goes to the background before the autosave delay elapses.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  await expect.poll(() => storedFile(page, 'connector.json')).toBe(edited)
})
