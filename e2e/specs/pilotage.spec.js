// The managers' dashboard on a phone: the demo manager opens /pilotage from their account,
// sees the charts each with its table, changes the period, downloads a table as CSV, sets a
// passport target and sees it with the pace needed. Every page is audited.
import { test, expect, field } from '../support/site.js';

const MANAGER = 'gestion@demo.tremplin.example';
const PASSWORD = 'demo-tremplin-2026';

test.use({ viewport: { width: 360, height: 740 } });

function month(offset) {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('the demo manager reads the dashboard, downloads a table and sets a target', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(MANAGER);
  await field(page, 'Mot de passe').fill(PASSWORD);
  const logged = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  expect(logged?.status(), 'The manager should be logged in').toBe(200);

  await site.visit('/compte');
  const opened = await site.follow(() => page.getByRole('link', { name: 'Tableau de bord', exact: true }).first().click(), 'opening the dashboard');
  expect(opened?.status(), 'The dashboard should open from the account page (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The dashboard is for their territory').toContainText('Angers Loire Métropole');
  await expect(page.locator('svg[role="img"]'), 'Four charts are drawn').toHaveCount(4);
  await expect(page.locator('#table-personnes'), 'Each chart has its table').toBeVisible();
  await expect(page.locator('#table-frequentation'), 'Key figures are in a table').toContainText('Taux de remplissage');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'The dashboard should fit a phone screen').toBeLessThanOrEqual(0);

  await field(page, 'Du mois').fill(month(-5));
  await field(page, 'Au mois').fill(month(0));
  const changed = await site.follow(() => page.getByRole('button', { name: 'Afficher', exact: true }).click(), 'changing the period');
  expect(changed?.status(), 'The period changes (HTTP 200)').toBe(200);
  await expect(page.locator('main'), 'The period shown is the one asked for').toContainText(`Période du ${month(-5)} au ${month(0)}`);
  await expect(page.locator('#table-personnes tbody tr'), 'Six months are listed').toHaveCount(6);

  const href = await page.getByRole('link', { name: /Télécharger en CSV : Personnes touchées par mois/ }).getAttribute('href');
  const csv = await page.request.get(href);
  expect(csv.status(), 'The CSV downloads (HTTP 200)').toBe(200);
  expect(csv.headers()['content-type'], 'It is a CSV').toContain('text/csv');
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines.length, 'The CSV has the headers and the six months').toBe(7);

  const targets = await site.follow(() => page.getByRole('link', { name: 'Objectifs du territoire' }).click(), 'opening the targets');
  expect(targets?.status(), 'The targets page opens (HTTP 200)').toBe(200);
  await field(page, 'Indicateur').selectOption('passports');
  await field(page, 'Nombre visé').fill('0');
  await field(page, 'Compté à partir du').fill('2025-01-01');
  await field(page, 'À atteindre pour le').fill('2027-12-31');
  const refused = await site.follow(() => page.getByRole('button', { name: "Enregistrer l'objectif" }).click(), 'saving a wrong target');
  expect(refused?.status(), 'A wrong value is refused (HTTP 422)').toBe(422);
  await expect(page.locator('main'), 'The error is explained').toContainText('Indiquez un nombre entier entre 1 et 10 000 000.');
  await field(page, 'Nombre visé').fill('500');
  const saved = await site.follow(() => page.getByRole('button', { name: "Enregistrer l'objectif" }).click(), 'saving the target');
  expect(saved?.status(), 'The target is saved (HTTP 200 after the redirect)').toBe(200);
  const row = page.locator('#table-objectifs tbody tr').filter({ hasText: 'Passeports délivrés (valides)' });
  await expect(row, 'The target is listed').toContainText('2027-12-31');
  await expect(page.locator('#table-objectifs thead'), 'With the pace needed').toContainText('Rythme nécessaire par mois');

  await site.follow(() => page.getByRole('link', { name: 'Retour au tableau de bord' }).click(), 'back to the dashboard');
  await expect(page.locator('#table-objectifs'), 'The dashboard shows the target and its pace').toContainText('2027-12-31');
});
