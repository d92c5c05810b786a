// Running flows: Run with input values (button and Ctrl/Cmd+Enter), outputs, the per-step trace
// with nested helper runs, the failing card marked, and secrets kept out of the trace.
import { expect, openApp, test, connectDemo } from './fixtures'

const topLevelSteps = '[data-testid=flow-run] > ol > [data-testid=trace-step]'

test('Run executes the action flow with the given inputs and shows outputs and a trace', async ({
  page,
}) => {
  await openApp(page)
  await connectDemo(page)
  await expect(page.getByTestId('flow-select')).toHaveValue('List Users')
  await page.getByLabel('Department').fill('Finance')
  await page.getByLabel('Limit').fill('5')
  await page.getByTestId('run-button').click()

  const result = page.getByTestId('run-result')
  await expect(result).toHaveAttribute('data-status', 'success')
  const outputs = JSON.parse((await page.getByTestId('run-outputs').textContent()) ?? '{}') as {
    users: { department: string }[]
    total: number
  }
  expect(outputs.total).toBe(2)
  expect(outputs.users.map((u) => u.department)).toEqual(['Finance', 'Finance'])

  // One row per card, in order, each with status and duration; the helper run nested under Call Flow.
  const steps = page.locator(topLevelSteps)
  await expect(steps).toHaveCount(3)
  await expect(page.locator(`${topLevelSteps} > details > summary > .step-card`)).toHaveText([
    'Construct',
    'Call Flow',
    'Return Outputs',
  ])
  await expect(steps.first().locator('.step-duration')).toHaveText(/ms|s$/)
  const helper = page.getByTestId('nested-run')
  await expect(helper).toContainText('httpHelper')
  await expect(helper.locator('.step-card')).toContainText(['Raw Request'])

  // Resolved inputs are shown: the Construct card received the department typed in the form.
  await steps.first().locator('summary').click()
  await expect(steps.first().locator('.step-io')).toContainText('"department": "Finance"')

  // The connection's password and the Basic credential never reach the trace.
  const text = (await result.textContent()) ?? ''
  expect(text).not.toContain('Acme-Demo-7431')
  expect(text).not.toContain(Buffer.from('demo:Acme-Demo-7431').toString('base64'))
  expect(text).toContain('••••••')
})

test('Ctrl/Cmd+Enter in the editor runs the selected flow', async ({ page }) => {
  await openApp(page)
  await connectDemo(page)
  await page.locator('.monaco-editor textarea').first().focus()
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'success')
  await expect(page.getByTestId('run-outputs')).toContainText('"total": 12')
})

test('a failing call marks the failing card and explains the error', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('connection-select').selectOption('')
  await page.getByTestId('run-button').click()

  const result = page.getByTestId('run-result')
  await expect(result).toHaveAttribute('data-status', 'failed')
  await expect(page.getByTestId('run-error')).toContainText('HTTP 401')
  await expect(page.getByTestId('run-error')).toContainText('Invalid username or password')
  const callFlow = page.locator(topLevelSteps).nth(1)
  await expect(callFlow).toHaveAttribute('data-status', 'failed')
  await expect(
    page.getByTestId('nested-run').locator('[data-status=failed] .step-card'),
  ).toHaveText('Raw Request')
  // The card after the failure never ran.
  await expect(page.locator(topLevelSteps)).toHaveCount(2)
})
