// Managing projects: create from a template, open, rename, and delete (which asks first).
import { expect, openApp, test } from './fixtures'

test('create from a template, rename, switch and delete projects', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('projects-button').click()
  const dialog = page.getByTestId('projects-dialog')
  await expect(dialog.getByTestId('project-row')).toHaveCount(1)

  await dialog.getByTestId('template-acme-hr').click()
  await expect(page.getByTestId('project-title')).toHaveText('Acme HR connector 2')

  await page.getByTestId('projects-button').click()
  await expect(dialog.getByTestId('project-row')).toHaveCount(2)
  await dialog.getByRole('button', { name: 'Rename Acme HR connector 2' }).click()
  await dialog.getByLabel('Project name').fill('Renamed project')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('project-title')).toHaveText('Renamed project')
  await expect(dialog.locator('.project-name')).toContainText([
    'Renamed project',
    'Acme HR connector',
  ])

  // Deleting asks first; Cancel keeps the project.
  await dialog.getByRole('button', { name: 'Delete Renamed project' }).click()
  const confirm = page.getByTestId('confirm-dialog')
  await expect(confirm).toContainText('cannot be undone')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog.getByTestId('project-row')).toHaveCount(2)

  await dialog.getByRole('button', { name: 'Delete Renamed project' }).click()
  await confirm.getByRole('button', { name: 'Delete project' }).click()
  await expect(dialog.getByTestId('project-row')).toHaveCount(1)
  await expect(page.getByTestId('project-title')).toHaveText('Acme HR connector')

  // The list survives a reload.
  await page.reload()
  await page.getByTestId('projects-button').click()
  await expect(dialog.locator('.project-name')).toHaveText(['Acme HR connector'])
})
