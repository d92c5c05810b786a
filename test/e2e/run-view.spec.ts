// The run view as flow history: container branches (If Error's try and catch), virtual time a
// card waited, a long helper loop kept bounded; and a runaway flow that never yields is stopped by
// Cancel (the watchdog restarts the engine) while the page stays responsive.
import type { Page } from '@playwright/test'
import { expect, openApp, replaceEditorText, test, waitForSaved, connectDemo } from './fixtures'

async function newFlow(page: Page, kind: string, name: string, body: object): Promise<void> {
  await page.getByRole('button', { name: '+ Flow' }).click()
  const dialog = page.getByTestId('new-file-dialog')
  await dialog.getByLabel('Kind').selectOption(kind)
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(page.locator('.editor-tab')).toHaveText(`flows/${name}.json`)
  await replaceEditorText(page, JSON.stringify({ name, kind, ...body }, null, 2))
  await waitForSaved(page)
}

test('the run view shows container branches, waited virtual time and a bounded helper loop', async ({
  page,
}) => {
  await openApp(page)
  await newFlow(page, 'helper', 'Per Item', {
    inputs: [{ key: 'item', type: 'number' }],
    outputs: [{ key: 'n', type: 'number' }],
    steps: [{ id: 'r', card: 'flow.return', inputs: { n: '=input.item' } }],
  })
  await newFlow(page, 'action', 'Demo', {
    inputs: [{ key: 'items', label: 'Items', type: 'number', list: true }],
    outputs: [{ key: 'result', type: 'text' }],
    steps: [
      {
        id: 'guard',
        card: 'flow.ifError',
        try: [
          {
            id: 'boom',
            card: 'flow.returnError',
            inputs: { statusCode: 409, message: 'Already exists' },
          },
        ],
        catch: [{ id: 'handled', card: 'flow.return', inputs: { why: '=error.message' } }],
      },
      { id: 'pause', card: 'flow.waitFor', inputs: { delay: 2, unit: 'minutes' } },
      { id: 'each', card: 'list.forEach', flow: 'Per Item', inputs: { list: '=input.items' } },
      { id: 'done', card: 'flow.returnOutputs', inputs: { result: '=guard.why' } },
    ],
  })
  await page.getByTestId('flow-select').selectOption('Demo')
  await page.getByLabel('Items').fill(JSON.stringify(Array.from({ length: 30 }, (_, i) => i)))
  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'success')
  await expect(page.getByTestId('run-outputs')).toContainText('"result": "Already exists"')

  const steps = page.locator('[data-testid=flow-run] > ol > [data-testid=trace-step]')
  const guard = steps.nth(0)
  await guard.locator('summary').first().click()
  await expect(guard.getByTestId('step-list')).toHaveCount(2)
  await expect(guard.locator('[data-list=try] [data-status=failed] .step-card')).toHaveText(
    'Return Error',
  )
  await expect(guard.locator('[data-list=catch] .step-card')).toHaveText('Return')

  await expect(steps.nth(1).locator('.step-duration')).toContainText('+ 2 min waited')

  const each = steps.nth(2)
  await each.locator('summary').first().click()
  await expect(each.getByTestId('nested-run')).toHaveCount(20)
  await expect(each.getByTestId('omitted-runs')).toContainText('10 more helper runs')
  await guard.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/run-view-trace.png' })
})

test('Cancel stops a runaway flow: the engine is restarted and the page stays responsive', async ({
  page,
}) => {
  await openApp(page)
  await connectDemo(page)
  await newFlow(page, 'action', 'Runaway', {
    steps: [
      {
        id: 'backtrack',
        card: 'text.findPattern',
        inputs: { text: `${'a'.repeat(40)}!`, pattern: '(a+)+$' },
      },
      { id: 'done', card: 'flow.returnOutputs', inputs: { position: '=backtrack.output' } },
    ],
    outputs: [{ key: 'position', type: 'number' }],
  })
  await page.getByTestId('flow-select').selectOption('Runaway')
  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('run-button')).toHaveText('Running…')

  // The engine worker is stuck in the regex; the page is not: typing still works.
  await page.getByTestId('flow-select').focus()
  const typed = await page.evaluate(() => {
    const started = performance.now()
    const input = document.createElement('input')
    document.body.append(input)
    input.value = 'still responsive'
    input.remove()
    return performance.now() - started
  })
  expect(typed).toBeLessThan(1000)
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'cancelled')
  await expect(page.getByTestId('run-error')).toContainText('the engine was restarted')

  // The restarted engine runs the next flow normally.
  await page.getByTestId('flow-select').selectOption('List Users')
  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'success')
  await expect(page.getByTestId('run-outputs')).toContainText('"total": 12')
})
