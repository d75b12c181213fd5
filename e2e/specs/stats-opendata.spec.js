// Open statistics (/donnees/statistiques) on a 360 px phone, without an account: the demo's
// eighteen months of history in tables per theme, a territory and a period chosen with the
// keyboard, the rule on small counts explained, the CSV and the API linked, the licence given;
// /donnees lists the dataset with its licence. Every page is audited.
import { test, expect } from '../support/site.js';

test.use({ viewport: { width: 360, height: 740 } });

test('a visitor reads the open statistics of a territory on a phone', async ({ site, page, request }) => {
  const response = await site.visit('/donnees/statistiques');
  expect(response.status(), 'The open statistics should open without an account (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The page should be titled').toContainText('Statistiques ouvertes');
  await expect(page.getByRole('heading', { level: 2, name: 'Protection des personnes' })).toBeVisible();
  await expect(page.getByText(/entre 1 et 4 est masqué/), 'The rule on small counts should be explained').toBeVisible();

  await page.getByLabel('Territoire').selectOption({ label: 'Angers' });
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1));
  const month = (d) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  await page.getByLabel('Du mois').fill(month(first));
  await page.getByLabel('Au mois').fill(month(last));
  const shown = await site.follow(() => page.getByLabel('Au mois').press('Enter'), 'sending the form with the keyboard');
  expect(shown?.status(), 'The chosen period should show (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Angers');

  const workshops = page.getByRole('table', { name: /Ateliers/ });
  await expect(workshops, 'One table per theme, the workshops first').toBeVisible();
  await expect(workshops.locator('tbody tr'), 'One row per month').toHaveCount(12);
  for (const theme of ['Personnes touchées', 'Accompagnement', 'Diagnostics', 'Passeports numériques', "Couverture de l'annuaire"]) {
    await expect(page.getByRole('heading', { level: 2, name: theme }), `The theme ${theme} should have its table`).toBeVisible();
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'The page should fit a 360 px screen (tables scroll in their own region)').toBeLessThanOrEqual(360);

  const csvLink = page.getByRole('link', { name: 'Télécharger ces tableaux (CSV)' });
  const csv = await request.get(await csvLink.getAttribute('href'));
  expect(csv.status(), 'The CSV should download').toBe(200);
  expect(await csv.text(), 'The CSV should hold the tables, one cell a line').toContain('Angers;Ateliers;');
  const apiLink = page.getByRole('link', { name: 'Les mêmes chiffres en JSON (API)' });
  const api = await request.get(await apiLink.getAttribute('href'));
  const json = await api.json();
  expect(json.licence.id, 'The API should give the licence').toBe('etalab-2.0');
  expect(json.months.length).toBe(12);
  await expect(page.getByRole('link', { name: 'Texte de la licence' })).toBeVisible();

  await site.follow(() => page.getByRole('link', { name: 'Tous les jeux de données' }).click(), 'opening the datasets');
  await expect(page.getByRole('heading', { level: 3, name: "Statistiques d'activité par territoire et par mois" })).toBeVisible();
  await expect(page.getByText(/ODbL 1.0/).first(), 'The directory should be marked ODbL').toBeVisible();
});

test('a reversed period is refused with a message', async ({ site, page }) => {
  await site.visit('/donnees/statistiques');
  await page.getByLabel('Du mois').fill('2026-05');
  await page.getByLabel('Au mois').fill('2026-04');
  const refused = await site.follow(() => page.getByRole('button', { name: 'Afficher' }).click(), 'sending a reversed period');
  expect(refused?.status(), 'A reversed period should be refused (HTTP 400)').toBe(400);
  await expect(page.getByRole('alert')).toContainText('Le premier mois doit précéder le dernier.');
});
