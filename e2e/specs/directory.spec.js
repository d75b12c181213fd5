// The directory (/annuaire): search by words and place with filters, the map and the list, then
// a listing's page with its opening hours. Every page is audited.
import { test, expect, field } from '../support/site.js';

test('a resident finds a bakery in Angers and opens its page', async ({ site, page }) => {
  const response = await site.visit('/annuaire');
  expect(response.status(), 'The directory /annuaire should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The directory should have a main heading').toHaveText(/Annuaire/);

  await field(page, 'Quoi ?').fill('boulangeries');
  await field(page, 'Où ?').fill('Angers');
  await page.getByLabel('Dans un rayon de').selectOption('5');
  await page.getByLabel('Retrait en boutique (click & collect)').check();
  const results = await site.follow(() => page.getByRole('button', { name: 'Rechercher', exact: true }).click(), 'searching the directory');
  expect(results?.status(), 'The search should answer with results (HTTP 200)').toBe(200);

  const url = new URL(page.url());
  expect(url.searchParams.get('q'), 'The words should be kept in the URL, to share or come back').toBe('boulangeries');
  expect(url.searchParams.getAll('service'), 'The ticked service should be kept in the URL').toEqual(['click_collect']);
  await expect(field(page, 'Quoi ?'), 'The words typed should stay in the field').toHaveValue('boulangeries');
  await expect(page.getByRole('heading', { level: 2, name: /résultat/ }), 'The number of results should be announced').toBeVisible();
  await expect(page.getByRole('img', { name: 'Carte des résultats' }), 'A map of the results should be drawn').toBeVisible();

  const first = page.getByRole('list', { name: 'Liste des résultats' }).getByRole('link').first();
  await expect(first, 'At least one bakery with click & collect should be found near Angers').toBeVisible();
  const name = (await first.textContent()).trim();
  expect(name, 'The first result should be a bakery').toMatch(/Boulangerie/);

  const listing = await site.follow(() => first.click(), 'opening the first result');
  expect(listing?.status(), 'The listing page should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The listing page should be titled with its name').toHaveText(name);
  await expect(page.getByRole('heading', { name: 'Horaires' }), 'The listing page should show its opening hours').toBeVisible();
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
  expect(JSON.parse(jsonLd)['@type'], 'The page should carry schema.org data for search engines').toBe('Store');
});

test('a place that does not exist is explained, and the search is kept', async ({ site, page }) => {
  await site.visit('/annuaire');
  await field(page, 'Quoi ?').fill('pain');
  await field(page, 'Où ?').fill('Nullepart-sur-Rien');
  const response = await site.follow(() => field(page, 'Où ?').press('Enter'), 'searching with an unknown place');
  expect(response?.status(), 'An unknown place should re-show the form with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problem should be announced (role="alert")').toContainText('introuvable');
  await expect(field(page, 'Où ?'), 'The place typed should still be in the field').toHaveValue('Nullepart-sur-Rien');
});

test('the demo merchant edits the opening hours of the bakery, with a preview', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill('commerce@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in as the demo merchant');

  await site.visit('/annuaire/boulangerie-de-la-doutre-49007');
  const edit = page.getByRole('link', { name: 'Modifier la fiche' });
  await expect(edit, 'The owner should be offered to edit the listing').toBeVisible();
  await site.follow(() => edit.click(), 'opening the edit form');

  const hours = field(page, 'Horaires (format OpenStreetMap)');
  await hours.fill('Mo-Sa 07:00-19:30; PH off');
  await site.follow(() => page.getByRole('button', { name: 'Prévisualiser les horaires' }).click(), 'previewing the hours');
  await expect(page.getByRole('table'), 'The preview should show the week ahead').toContainText('07:00–19:30');
  await expect(field(page, 'Horaires (format OpenStreetMap)'), 'The hours typed should stay in the field').toHaveValue('Mo-Sa 07:00-19:30; PH off');

  const saved = await site.follow(() => page.getByRole('button', { name: 'Enregistrer et publier' }).click(), 'saving the listing');
  expect(saved?.status(), 'Saving should lead back to the listing page').toBe(200);
  await expect(page.getByRole('status').first(), 'A message should confirm the listing is up to date').toContainText('à jour');
  await expect(page.locator('code').first(), 'The listing should show the new hours at once').toHaveText('Mo-Sa 07:00-19:30; PH off');
});

test('the open-data page and the form to propose a place open', async ({ site, page }) => {
  const data = await site.visit('/donnees');
  expect(data.status(), 'The open-data page /donnees should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('link', { name: /GeoJSON/ }).first(), 'Each territory should offer a GeoJSON download').toBeVisible();
  const propose = await site.visit('/annuaire/proposer');
  expect(propose.status(), 'The form /annuaire/proposer should open (HTTP 200)').toBe(200);
  await expect(field(page, 'Nom'), 'The proposal form should ask for the name').toBeVisible();
});

test('a manager tries an import file and reads the report', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill('gestion@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in as the demo manager');

  const form = await site.visit('/territoires/angers-loire-metropole/imports');
  expect(form.status(), 'The manager should reach the import page (HTTP 200)').toBe(200);
  await page.getByLabel(/Lieux de médiation numérique/).check();
  await page.getByLabel('Fichier', { exact: true }).setInputFiles(new URL('../../crates/interchange/tests/fixtures/mediation-lieux.csv', import.meta.url).pathname);
  await expect(page.getByLabel(/Essai/), 'A trial should be proposed first').toBeChecked();
  const report = await site.follow(() => page.getByRole('button', { name: 'Lire le fichier' }).click(), 'trying the file');
  expect(report?.status(), 'The trial should answer with its report (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { name: "Résultat de l'essai" }), 'The report should be titled as a trial').toBeVisible();
  await expect(page.getByText("Essai : rien n'a été enregistré."), 'The manager should be told nothing was saved').toBeVisible();
});
