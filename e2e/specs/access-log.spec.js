// Personal data, the staff side: the demo manager opens a workshop's staff page (a read of
// the registrants' data), then finds that read in the territory's access log, filters it by
// staff member and downloads it (a reversed period is refused); opens the register of
// processings; a visitor reads the privacy notice from the footer. Every page is audited
// (axe-core).
import { test, expect, field } from '../support/site.js';

const MANAGER = { email: 'gestion@demo.tremplin.example', password: 'demo-tremplin-2026' };
const TERRITORY = 'angers-loire-metropole';

test('a manager\'s read of registrants shows in the access log', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(MANAGER.email);
  await field(page, 'Mot de passe').fill(MANAGER.password);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');

  await site.visit('/mes-ateliers');
  const session = page.getByRole('link', { name: 'Créer le site de son commerce' }).first();
  await expect(session, 'The manager runs the territory\'s sessions').toBeVisible();
  const gestion = await site.follow(() => session.click(), 'opening the session\'s staff page');
  expect(gestion?.status(), 'The staff page should open (HTTP 200)').toBe(200);
  const slug = site.path().split('/')[2];
  await expect(page.getByText('Léa Moreau').first(), 'The staff page shows the registrants').toBeVisible();

  const log = await site.visit(`/territoires/${TERRITORY}/journal-acces`);
  expect(log.status(), 'The access log should open for the manager (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Journal des accès aux données personnelles');
  const table = page.getByRole('table');
  const read = table.locator('tbody tr', { hasText: 'Léa Moreau' }).first();
  await expect(read, 'The read of Léa Moreau\'s registration should be logged').toBeVisible();
  await expect(read).toContainText(MANAGER.email);
  await expect(read).toContainText('Inscrits d\'un atelier');
  await expect(read).toContainText(slug);

  await field(page, 'Adresse électronique du membre de l\'équipe').fill(MANAGER.email);
  const filtered = await site.follow(() => page.getByRole('button', { name: 'Filtrer' }).click(), 'filtering by staff member');
  expect(filtered?.status()).toBe(200);
  await expect(page.getByRole('table').locator('tbody tr').first()).toContainText(MANAGER.email);
  const csvLink = page.getByRole('link', { name: 'Télécharger ces lignes (CSV)' });
  const csv = await page.request.get(await csvLink.getAttribute('href'));
  expect(csv.status(), 'The CSV should download').toBe(200);
  expect(await csv.text(), 'The CSV holds the read').toContain('Léa Moreau');

  await field(page, 'Du (inclus)').fill('2026-12-31');
  await field(page, 'Au (inclus)').fill('2026-01-01');
  const refused = await site.follow(() => page.getByRole('button', { name: 'Filtrer' }).click(), 'sending a reversed period');
  expect(refused?.status(), 'A reversed period is refused (HTTP 422)').toBe(422);
  await expect(page.locator('#au-error'), 'The message stands beside the field').toContainText('La fin de la période doit suivre son début.');
  await expect(field(page, 'Du (inclus)'), 'The input is kept').toHaveValue('2026-12-31');

  const register = await site.follow(() => page.getByRole('link', { name: 'Registre des traitements' }).first().click(), 'opening the register');
  expect(register?.status(), 'The register should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Registre des traitements');
  await expect(page.getByRole('heading', { level: 2, name: 'Inscriptions aux ateliers et évènements' })).toBeVisible();
  await expect(page.getByText('Inscription (anonymisée ensuite ; les comptes restent) : 12 mois')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Journal des accès du personnel aux données personnelles' })).toBeVisible();
});

test('a visitor reads the privacy notice from the footer', async ({ site, page }) => {
  await site.visit('/');
  const notice = await site.follow(() => page.getByRole('contentinfo').getByRole('link', { name: 'Confidentialité et données personnelles' }).click(), 'opening the privacy notice');
  expect(notice?.status(), 'The notice is public (HTTP 200)').toBe(200);
  expect(site.path()).toBe('/confidentialite');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confidentialité et données personnelles');
  await expect(page.getByRole('table', { name: 'Les traitements de données personnelles du service' }).locator('tbody tr')).toHaveCount(11);
  await expect(page.getByRole('heading', { level: 2, name: 'Vos droits' })).toBeVisible();
});
