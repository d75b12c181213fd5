// The coach finder (/coachs): a resident looks for help with a website near Angers, opens the
// best-ranked coach's page and sees their free slots by day; a coach edits their availability.
// Every page is audited.
import { test, expect, field } from '../support/site.js';

test('a resident finds a coach for a website near Angers and sees free slots', async ({ site, page }) => {
  const response = await site.visit('/coachs');
  expect(response.status(), 'The finder /coachs should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The finder should have a main heading').toHaveText(/conseiller/);

  await page.getByLabel('Un particulier').check();
  await field(page, 'Où ?').fill('Angers');
  await page.getByLabel('Site internet').check();
  const results = await site.follow(() => page.getByRole('button', { name: 'Trouver un conseiller' }).click(), 'searching for a coach');
  expect(results?.status(), 'The search should answer (HTTP 200)').toBe(200);

  const url = new URL(page.url());
  expect(url.searchParams.get('audience'), 'The audience should be kept in the URL, to share it').toBe('resident');
  expect(url.searchParams.getAll('theme'), 'The theme should be kept in the URL').toEqual(['website']);
  await expect(page.getByText('Autour de Angers'), 'The place found should be said').toBeVisible();

  const first = page.locator('.coach-card').first();
  await expect(first, 'At least one coach should help residents with a website near Angers in the demo').toBeVisible();
  await expect(first.locator('.coach-explanation'), 'The first result should explain its rank (theme, distance, next slot)')
    .toContainText(/^Site internet · \d+ km.* · prochain créneau \S+ \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  await expect(first.getByRole('link', { name: /Réserver le prochain créneau/ }), 'The next free slot should link to the booking form')
    .toHaveAttribute('href', /\/coachs\/[a-z0-9-]+\/reserver\?debut=\d+$/);
  const name = (await first.locator('h3').textContent()).trim();

  const profile = await site.follow(() => first.locator('h3 a').click(), 'opening the first coach');
  expect(profile?.status(), 'The coach page should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The coach page should be titled with their name').toHaveText(name);
  await expect(page.getByRole('heading', { level: 2, name: 'Créneaux libres' }), 'The page should list free slots').toBeVisible();
  const slot = page.locator('.slot-list a').first();
  await expect(slot, 'The coach should have free slots in the next two weeks').toBeVisible();
  await expect(slot, 'A slot should read as a Paris time').toHaveText(/^\d\d:\d\d$/);
  await expect(slot, 'A slot should link to its booking form').toHaveAttribute('href', /\/reserver\?debut=\d+$/);

  const later = await site.follow(() => page.getByRole('link', { name: 'Semaines suivantes' }).click(), 'showing later weeks');
  expect(later?.status(), 'Later weeks should open (HTTP 200)').toBe(200);
  expect(new URL(page.url()).searchParams.get('semaine'), 'The weeks should be in the URL').toBe('2');
});

test('a search with a mistake is explained and kept', async ({ site, page }) => {
  await site.visit('/coachs');
  await field(page, 'Où ?').fill('Nullepartville');
  const response = await site.follow(() => page.getByRole('button', { name: 'Trouver un conseiller' }).click(), 'searching an unknown place');
  expect(response?.status(), 'An unknown place should come back with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problem should be announced').toBeVisible();
  await expect(field(page, 'Où ?'), 'The place typed should stay in the field').toHaveValue('Nullepartville');
});

test('a coach opens their profile and availability', async ({ site, page }) => {
  await site.visit('/connexion?retour=/espace-coach/disponibilites');
  await field(page, 'Adresse e-mail').fill('conseil@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  const logged = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  expect(logged?.status(), 'Logging in should lead to the availability page').toBe(200);
  expect(site.path()).toBe('/espace-coach/disponibilites');
  await expect(page.getByRole('heading', { level: 2, name: 'Prochains créneaux libres' }), 'A preview of the free slots').toBeVisible();
  await expect(page.getByLabel('Lundi, plage 1').getByLabel('De'), 'Monday hours should be filled in').not.toHaveValue('');

  const profile = await site.follow(() => page.getByRole('link', { name: 'Modifier le profil' }).click(), 'opening the profile');
  expect(profile?.status(), 'The profile form should open (HTTP 200)').toBe(200);
  await field(page, 'Nom affiché').fill('');
  const refused = await site.follow(() => page.getByRole('button', { name: 'Enregistrer le profil' }).click(), 'saving without a name');
  expect(refused?.status(), 'A profile without a name should come back with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problem should be announced').toBeVisible();
});

test("a manager lists the territory's coaches and opens one's availability", async ({ site, page }) => {
  await site.visit('/connexion?retour=/territoires/angers-loire-metropole/coachs');
  await field(page, 'Adresse e-mail').fill('gestion@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  const list = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  expect(list?.status(), "Logging in should lead to the territory's coaches (HTTP 200)").toBe(200);
  const coaches = page.getByRole('table', { name: 'Profils de conseillers' });
  await expect(coaches.getByRole('row'), 'The demo territory should list its coaches').not.toHaveCount(0);
  const hours = await site.follow(() => coaches.getByRole('link', { name: /^Disponibilités de / }).first().click(), "opening a coach's availability");
  expect(hours?.status(), "A manager should open a coach's availability (HTTP 200)").toBe(200);
  expect(new URL(page.url()).searchParams.get('coach'), 'The coach acted on should be in the URL').toBeTruthy();
});
