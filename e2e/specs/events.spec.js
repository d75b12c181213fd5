// Workshops (/ateliers): a resident finds a workshop in the agenda, opens it, registers without an
// account, sees their registration page, then cancels. The large event's programme opens too.
// Every page is audited.
import { test, expect, field, uniqueEmail } from '../support/site.js';

test('a resident finds a workshop, registers, then cancels', async ({ site, page }) => {
  const agenda = await site.visit('/ateliers');
  expect(agenda.status(), 'The agenda /ateliers should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The agenda should have a main heading').toHaveText(/Ateliers/);

  await page.getByLabel('Thème').selectOption('website');
  await page.getByLabel('Seulement les séances avec des places libres').check();
  const results = await site.follow(() => page.getByRole('button', { name: 'Afficher les ateliers' }).click(), 'filtering the agenda');
  expect(results?.status(), 'The filtered agenda should answer (HTTP 200)').toBe(200);
  expect(new URL(page.url()).searchParams.get('theme'), 'The theme should be kept in the URL').toBe('website');
  await expect(page.getByRole('link', { name: "S'abonner (iCalendar)" }), 'The agenda should offer its calendar feed')
    .toHaveAttribute('href', /\/ateliers\.ics\?theme=website/);

  const first = page.locator('.event-card h4 a').first();
  await expect(first, 'At least one website workshop with free seats should be listed in the demo').toBeVisible();
  const title = (await first.textContent()).trim();
  const session = await site.follow(() => first.click(), 'opening the first workshop');
  expect(session?.status(), 'The workshop page should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The workshop page should be titled with its title').toHaveText(title);
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
  expect(JSON.parse(jsonLd)['@type'], 'The page should carry schema.org Event data').toBe('Event');

  await field(page, 'Nom et prénom').fill('Camille Essai');
  await field(page, 'E-mail').fill(uniqueEmail('atelier'));
  await page.getByLabel("J'accepte le traitement").check();
  const registered = await site.follow(() => page.getByRole('button', { name: "Je m'inscris" }).click(), 'registering');
  expect(registered?.status(), 'Registering should lead to the registration page').toBe(200);
  expect(site.path(), 'The registration page is reached by its private link').toMatch(/^\/inscriptions\//);
  await expect(page.getByRole('heading', { level: 1 }), 'The registration page should say what it is').toHaveText('Mon inscription');
  await expect(page.getByRole('status').first(), 'A message should confirm the registration').toContainText(/confirmée|liste d'attente/);
  await expect(page.getByRole('link', { name: title }), 'The registration page should name the workshop').toBeVisible();

  const cancelled = await site.follow(() => page.getByRole('button', { name: 'Annuler mon inscription' }).click(), 'cancelling');
  expect(cancelled?.status(), 'Cancelling should lead back to the registration page').toBe(200);
  await expect(page.getByRole('status').first(), 'A message should confirm the cancellation').toContainText('annulée');
  await expect(page.getByRole('button', { name: 'Annuler mon inscription' }), 'A cancelled registration cannot be cancelled again').toHaveCount(0);
});

test('a registration form with mistakes is explained and kept', async ({ site, page }) => {
  await site.visit('/ateliers?theme=website');
  await site.follow(() => page.locator('.event-card h4 a').first().click(), 'opening a workshop');
  await field(page, 'Nom et prénom').fill('Camille Essai');
  await field(page, 'E-mail').fill('pas-une-adresse');
  const response = await site.follow(() => page.getByRole('button', { name: "Je m'inscris" }).click(), 'registering with mistakes');
  expect(response?.status(), 'A wrong form should come back with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problems should be announced').toBeVisible();
  await expect(field(page, 'Nom et prénom'), 'The name typed should stay in the field').toHaveValue('Camille Essai');
});

test('the programme of the two-day event opens, by day and room', async ({ site, page }) => {
  const response = await site.visit('/evenements/deux-jours-du-numerique');
  expect(response.status(), 'The programme page should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 2 }).first(), 'The programme should be split by day').toBeVisible();
  await expect(page.getByRole('checkbox').first(), 'Each open session should have a box to register for several at once').toBeVisible();
});
