// The editor: Monaco loads lazily with JSON Schema markers and completion from the format's
// schema, and malformed JSON gives a located error while Run explains why it cannot run.
import { editorView, expect, openApp, openFile, replaceEditorText, test } from './fixtures'

test('Monaco is lazy: the entry page does not load the editor chunk until the shell is up', async ({
  page,
}) => {
  const scripts: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname)
  })
  await openApp(page)
  const entry = scripts.findIndex((s) => /\/assets\/index-[^/]+\.js$/.test(s))
  const editor = scripts.findIndex((s) => /\/assets\/MonacoEditor-[^/]+\.js$/.test(s))
  expect(entry).toBeGreaterThanOrEqual(0)
  expect(editor).toBeGreaterThan(entry)
  const html = await (await page.request.get('/')).text()
  expect(html).not.toContain('MonacoEditor-')
})

test('schema markers and Problems entries appear for an invalid connector setting', async ({
  page,
}) => {
  await openApp(page)
  await openFile(page, 'connector.json')
  await expect(editorView(page)).toContainText('"accentColor": "#2f6fde"')
  await replaceEditorText(
    page,
    '{\n  "name": "Acme HR",\n  "key": "acmehr_R7Q2KD9MZX",\n  "accentColor": "blue",\n  "baseUrl": "https://hr.example/api/v1"\n}\n',
  )
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible()
  const problem = page
    .getByTestId('problem')
    .filter({ hasText: 'accentColor' })
    .or(page.getByTestId('problem').filter({ hasText: 'Use #rgb or #rrggbb' }))
  await expect(problem.first()).toContainText('connector.json:4:')
})

test('completion offers card ids for "card" and property names from the schema', async ({
  page,
}) => {
  await openApp(page)
  await openFile(page, 'flows/List Users.json')
  await replaceEditorText(
    page,
    '{\n  "name": "List Users",\n  "kind": "action",\n  "steps": [\n    { "id": "a", "card": "" }\n  ]\n}\n',
  )
  // Put the cursor between the quotes of "card": "" and ask for suggestions.
  await page.getByText('"card"').first().click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Control+Space')
  const suggestions = page.locator('.suggest-widget')
  await expect(suggestions).toBeVisible()
  await expect(suggestions).toContainText('object.construct')
  // Typing narrows the list to the matching cards.
  await page.keyboard.type('http.raw')
  await expect(suggestions).toContainText('http.rawRequest')
  await page.keyboard.press('Escape')

  // Property names: inside the step object, after the last property.
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.insertText(', ')
  await page.keyboard.press('Control+Space')
  await expect(suggestions).toContainText('inputs')
})

test('malformed JSON shows a located error, a Problems entry, and Run explains it cannot run', async ({
  page,
}) => {
  await openApp(page)
  await openFile(page, 'flows/List Users.json')
  await replaceEditorText(
    page,
    '{\n  "name": "List Users",\n  "kind": "action"\n  "steps": []\n}\n',
  )

  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible()
  const problem = page.getByTestId('problem').first()
  await expect(problem).toContainText('flows/List Users.json:4:3')
  await expect(problem).toContainText('JSON001')
  await expect(problem).toContainText('Expected a comma')
  await expect(page.getByTestId('cannot-run')).toContainText('1 error')

  // Clicking the problem puts the cursor there.
  await openFile(page, 'connector.json')
  await problem.click()
  await expect(page.locator('.editor-tab')).toHaveText('flows/List Users.json')

  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'failed')
  await expect(page.getByTestId('run-error')).toContainText(
    'fix it before running (first: flows/List Users.json:4',
  )
})
