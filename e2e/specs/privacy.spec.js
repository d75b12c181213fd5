// A person's own data (/compte/donnees, /compte/effacement): a new account holder sees their
// data grouped by kind and the JSON download link, is refused erasure without the box
// ticked (error announced, HTTP 422), then erases the account with their password and can no
// longer log in. Every page is audited (axe-core).
import { test, expect, field, uniqueEmail } from '../support/site.js';

const PASSWORD = 'tremplin-e2e-mot-de-passe';

test('an account holder sees their data, then erases it', async ({ site, page }) => {
  const email = uniqueEmail('rgpd');
  await site.visit('/inscription');
  await field(page, 'Adresse e-mail').fill(email);
  await field(page, 'Mot de passe').fill(PASSWORD);
  await field(page, 'Nom affiché').fill('Camille Effacement');
  await site.follow(() => page.getByRole('button', { name: 'Créer mon compte', exact: true }).click(), 'signing up');

  await site.follow(() => page.getByRole('link', { name: 'Mes données personnelles' }).click(), 'opening my data');
  expect(site.path()).toBe('/compte/donnees');
  await expect(page.getByRole('heading', { name: 'Compte et connexion' }), 'The data is grouped by kind').toBeVisible();
  await expect(page.getByText('Camille Effacement').first(), 'The name held is shown').toBeVisible();
  await expect(page.getByRole('link', { name: 'Télécharger le fichier JSON' })).toHaveAttribute('href', '/compte/donnees.json');

  await site.follow(() => page.getByRole('link', { name: 'Effacer mes données' }).first().click(), 'opening the erasure page');
  expect(site.path()).toBe('/compte/effacement');
  await expect(page.getByRole('heading', { name: 'Ce qui sera effacé' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ce qui est gardé, sans rien qui vous identifie' })).toBeVisible();

  await field(page, 'Mot de passe').fill(PASSWORD);
  const refused = await site.follow(() => page.getByRole('button', { name: 'Effacer définitivement mes données' }).click(), 'erasing without the box');
  expect(refused?.status(), 'The box must be ticked (HTTP 422)').toBe(422);
  await expect(page.getByRole('alert').first()).toContainText('Cochez la case');

  await page.getByLabel('Je comprends que l\'effacement est définitif').check();
  await field(page, 'Mot de passe').fill(PASSWORD);
  const done = await site.follow(() => page.getByRole('button', { name: 'Effacer définitivement mes données' }).click(), 'erasing');
  expect(done?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Vos données sont effacées' })).toBeVisible();

  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(email);
  await field(page, 'Mot de passe').fill(PASSWORD);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in again');
  expect(site.path(), 'The erased account cannot log in').toBe('/connexion');
});
