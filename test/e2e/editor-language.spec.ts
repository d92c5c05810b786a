// The editor's language features on top of JSON Schema: the validator's problems as squiggles and
// Problems rows, quick fixes (Ctrl+.), completion of references from what is in scope, go to
// definition across files (F12), and hovers that describe cards.
import type { Page } from '@playwright/test'
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

const LIST_USERS = 'flows/List Users.json'

/** The labels in the open suggestion list. */
async function suggestionLabels(page: Page): Promise<string[]> {
  const widget = page.locator('.suggest-widget')
  await expect(widget).toBeVisible()
  await expect(widget.locator('.monaco-list-row').first()).toBeVisible()
  return widget.locator('.monaco-list-row .label-name').allTextContents()
}

/** Puts the cursor just inside the closing quote of the first line containing `text`. */
async function cursorAtEndOfString(page: Page, text: string): Promise<void> {
  await editorView(page).getByText(text).first().click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
}

const lineOf = (text: string, find: string) => text.slice(0, text.indexOf(find)).split('\n').length

test('a misspelt card is marked, listed in Problems, and repaired by its quick fix', async ({
  page,
}) => {
  await openApp(page)
  await openFile(page, LIST_USERS)
  const original = templateFile(LIST_USERS)
  const broken = original.replace('"card": "object.construct"', '"card": "object.constuct"')
  await replaceEditorText(page, broken)

  // (a) The squiggle and the Problems row, located at the card's line.
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible()
  const problem = page.getByTestId('problem').filter({ hasText: 'CARD001' })
  await expect(problem).toContainText(`${LIST_USERS}:${lineOf(broken, 'object.constuct')}:`)
  await expect(problem).toContainText('Unknown card "object.constuct"')

  // Hovering the marker explains its code, from the codes registry.
  await editorView(page).getByText('object.constuct').hover()
  const explained = page.locator('.monaco-hover').filter({ hasText: 'CARD001' })
  await expect(explained).toContainText('CARD001 — Unknown card.')
  await expect(explained).toContainText('from the catalogue')
  await page.mouse.move(0, 0)

  // (b) Quick Fix at the marker: Ctrl+. lists the fix; choosing it repairs the file.
  await editorView(page).getByText('object.constuct').click()
  await page.keyboard.press('Control+.')
  const fix = page.locator('.action-widget').getByText('Change to object.construct')
  await expect(fix).toBeVisible()
  await page.screenshot({ path: 'test-results/editor-quick-fix.png' })
  await fix.click()
  await expect(editorView(page)).toContainText('"card": "object.construct"')
  await expect(problem).toHaveCount(0)
  await waitForSaved(page)
  expect(await storedFile(page, LIST_USERS)).toBe(original)
})

test('completion offers the names in scope and the outputs of the step named', async ({ page }) => {
  await openApp(page)
  await openFile(page, LIST_USERS)
  const original = templateFile(LIST_USERS)
  await replaceEditorText(
    page,
    original
      .replace('"query": "=query.output"', '"query": "=query.output",\n        "probeCall": ""')
      .replace(
        '"total": "=call.body.total" }',
        '"total": "=call.body.total",\n        "probeDone": ""\n      }',
      ),
  )

  // (c) In the `call` step: the action's scope names and the earlier step, not the later one.
  await cursorAtEndOfString(page, '"probeCall"')
  await page.keyboard.type('=')
  const names = await suggestionLabels(page)
  expect(names).toEqual(expect.arrayContaining(['input', 'options', 'connection', 'query']))
  expect(names).not.toContain('done')
  expect(names).not.toContain('call')
  await page.screenshot({ path: 'test-results/editor-completion-scope.png' })
  await page.keyboard.press('Escape')

  // In the `done` step, `=call.` lists what the httpHelper flow returns.
  await cursorAtEndOfString(page, '"probeDone"')
  await page.keyboard.type('=call.', { delay: 60 })
  await expect
    .poll(() => suggestionLabels(page))
    .toEqual(expect.arrayContaining(['body', 'status_code', 'headers']))
  await page.screenshot({ path: 'test-results/editor-completion-outputs.png' })
  await page.keyboard.press('Enter')
  // (Monaco draws spaces as no-break spaces: \s matches both.)
  await expect(editorView(page)).toContainText(/"probeDone":\s"=call\.(body|status_code|headers)"/)
})

test('go to definition on a flow name opens that flow', async ({ page }) => {
  await openApp(page)
  await openFile(page, LIST_USERS)
  // (d) F12 on "flow": "httpHelper" opens flows/httpHelper.json at its name.
  await editorView(page).getByText('"httpHelper"').first().click()
  await page.keyboard.press('F12')
  await expect(page.locator('.editor-tab')).toHaveText('flows/httpHelper.json')
  await expect(
    page.getByTestId('file-entry').filter({ hasText: 'flows/httpHelper.json' }),
  ).toHaveAttribute('aria-current', 'page')
  await expect(editorView(page)).toContainText('"name": "httpHelper"')
})

test('hovering a card id shows the card’s Workflows name and Okta key', async ({ page }) => {
  await openApp(page)
  await openFile(page, LIST_USERS)
  // (e) The hover card.
  await editorView(page).getByText('"flow.call"').first().hover()
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Okta key' })
  await expect(hover).toBeVisible()
  await expect(hover).toContainText('Call Flow')
  await expect(hover).toContainText('Flow Control')
  await expect(hover).toContainText('control:spawn')
  await page.screenshot({ path: 'test-results/editor-hover-card.png' })

  // A reference says what it reads: here, a declared input of the flow.
  await page.mouse.move(0, 0)
  await editorView(page)
    .getByText('"=input.department"')
    .first()
    .hover({ position: { x: 100, y: 5 } })
  await expect(page.locator('.monaco-hover').filter({ hasText: 'field' })).toContainText(
    'field department of input · text',
  )
})
