// The trainer's side of a workshop: the demo trainer logs in, finds their sessions, opens the
// staff page of the full "Créer le site de son commerce" session, searches a registrant by name,
// marks her present, then opens the sign-in sheet. Every page is audited (axe-core).
import { test, expect, field } from '../support/site.js';

const TRAINER = { email: 'formation@demo.tremplin.example', password: 'demo-tremplin-2026' };

test('the demo trainer checks a registrant in by hand', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(TRAINER.email);
  await field(page, 'Mot de passe').fill(TRAINER.password);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');

  const mine = await site.visit('/mes-ateliers');
  expect(mine.status(), 'The trainer\'s list /mes-ateliers should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The list should be titled "Mes ateliers"').toHaveText('Mes ateliers');
  const session = page.getByRole('link', { name: 'Créer le site de son commerce' }).first();
  await expect(session, 'The demo trainer runs the weekly "Créer le site de son commerce"').toBeVisible();

  const gestion = await site.follow(() => session.click(), 'opening the session\'s staff page');
  expect(gestion?.status(), 'The staff page should open (HTTP 200)').toBe(200);
  expect(site.path(), 'The staff page lives at /ateliers/{slug}/gestion').toMatch(/^\/ateliers\/[^/]+\/gestion$/);
  await expect(page.locator('#count-confirmed'), 'The first date is full: 12 of 12 seats').toHaveText('12 / 12');

  await field(page, 'Rechercher un nom').fill('Léa');
  const found = await site.follow(() => page.getByRole('button', { name: 'Rechercher', exact: true }).click(), 'searching a name');
  expect(found?.status()).toBe(200);
  const mark = page.getByRole('button', { name: 'Présent : Léa Moreau', exact: true });
  await expect(mark, 'The search keeps Léa Moreau, with a "Présent" button').toBeVisible();
  await expect(page.getByText('Thomas Petit'), 'The search hides the other names').toHaveCount(0);

  const after = await site.follow(() => mark.click(), 'marking Léa Moreau present');
  expect(after?.status()).toBe(200);
  await expect(page.getByRole('status').first(), 'The check-in is confirmed').toContainText('Présence enregistrée');
  await expect(page.getByRole('button', { name: 'Annuler la présence : Léa Moreau', exact: true })).toBeVisible();
  await expect(page.locator('#count-present'), 'One person is present now').toHaveText('1');

  const print = await site.follow(() => page.getByRole('link', { name: 'Feuille d\'émargement à imprimer' }).click(), 'opening the sign-in sheet');
  expect(print?.status()).toBe(200);
  await expect(page.getByRole('columnheader', { name: 'Signature' }), 'The sheet has a signature column').toBeVisible();
});

test('a manager opens the session form, sends it empty, and reads the survey results', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill('gestion@demo.tremplin.example');
  await field(page, 'Mot de passe').fill(TRAINER.password);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');

  const form = await site.visit('/territoires/angers-loire-metropole/ateliers/nouveau');
  expect(form.status(), 'The session form should open for a manager (HTTP 200)').toBe(200);
  await field(page, 'Titre').fill('');
  await field(page, 'Date').fill('');
  const refused = await site.follow(() => page.getByRole('button', { name: 'Créer', exact: true }).click(), 'sending the form empty');
  expect(refused?.status(), 'An incomplete form comes back with its messages (HTTP 422)').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problems are announced').toBeVisible();
  await expect(page.getByText('Indiquez un titre.').first()).toBeVisible();

  const results = await site.visit('/territoires/angers-loire-metropole/ateliers/enquetes');
  expect(results.status(), 'The survey results open for a manager (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 2, name: 'Par formateur' })).toBeVisible();
});
