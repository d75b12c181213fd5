// Accompaniment records (/espace-coach): the demo coach logs in on a phone-sized screen, finds
// a past appointment still to record through their beneficiaries, fills the record in and sees
// it on the person's follow-up timeline; the demo manager reads the coaches' activity and a
// follow-up of the territory. Every page is audited.
import { test, expect, field } from '../support/site.js';

const PASSWORD = 'demo-tremplin-2026';
const COACH = { email: 'conseil@demo.tremplin.example', password: PASSWORD };

test.use({ viewport: { width: 360, height: 740 } });

test('the demo coach records a past appointment on a phone and sees it on the timeline', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(COACH.email);
  await field(page, 'Mot de passe').fill(COACH.password);
  const logged = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  expect(logged?.status(), 'The demo coach should be logged in').toBe(200);

  const list = await site.visit('/espace-coach/beneficiaires');
  expect(list.status(), 'The coach\'s beneficiaries /espace-coach/beneficiaires should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The list should be titled').toHaveText('Mes bénéficiaires');
  const hrefs = await page.locator('table tbody th a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.length, 'The demo coach should follow people who booked them').toBeGreaterThan(0);

  // The demo holds past appointments of the coach with no record yet: find one.
  let found = false;
  for (const href of hrefs) {
    await site.visit(href);
    const write = page.getByRole('link', { name: 'Écrire le compte rendu' }).first();
    if ((await write.count()) > 0) {
      const form = await site.follow(() => write.click(), 'opening the record form');
      expect(form?.status(), 'The record form should open (HTTP 200)').toBe(200);
      found = true;
      break;
    }
  }
  expect(found, 'A past appointment of the demo coach should be waiting for its record').toBe(true);
  expect(site.path(), 'The record form belongs to the appointment').toMatch(/^\/espace-coach\/rendez-vous\/[^/]+\/compte-rendu$/);
  await expect(page.getByRole('heading', { level: 1 }), 'The form should say whose record it is').toContainText('Compte rendu');
  await expect(field(page, 'Durée (minutes)'), 'The duration should be pre-filled with the appointment\'s length').not.toHaveValue('');

  const summary = `Fiche Google complétée ensemble (${Date.now().toString(36)})`;
  if ((await page.locator('input[name="themes"]:checked').count()) === 0) {
    await page.getByLabel('Site internet').check();
  }
  await page.getByLabel('Besoin résolu').check();
  await field(page, 'Ce qui a été fait').fill(summary);
  await field(page, 'Prochaines étapes').fill('Ajouter des photos de la boutique.');
  await page.getByRole('group', { name: 'Modules conseillés' }).getByLabel('Augmenter le trafic de son site').check();
  await page.getByRole('group', { name: 'Modules validés' }).getByLabel('Créer son site internet').check();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'The form should fit a phone screen without sideways scrolling').toBeLessThanOrEqual(0);

  const saved = await site.follow(
    () => page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click(),
    'saving the record',
  );
  expect(saved?.status(), 'Saving should lead to the timeline (HTTP 200)').toBe(200);
  expect(site.path(), 'After saving, the coach sees the person\'s timeline').toMatch(/^\/espace-coach\/beneficiaires\/[^/]+$/);
  await expect(page.getByRole('status').first(), 'A message should confirm the record').toContainText('Compte rendu enregistré');
  await expect(page.locator('main'), 'The record should be on the timeline').toContainText(summary);
  await expect(page.locator('main'), 'The outcome should be shown').toContainText('Besoin résolu');
  await expect(page.getByRole('link', { name: 'Modifier le compte rendu' }).first(), 'The record can be edited').toBeVisible();
});

test('a manager reads the coaches\' activity and opens a follow-up from the territory list', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill('gestion@demo.tremplin.example');
  await field(page, 'Mot de passe').fill(PASSWORD);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');

  const activity = await site.visit('/territoires/angers-loire-metropole/coachs/activite');
  expect(activity.status(), 'The statistics page should open for the manager (HTTP 200)').toBe(200);
  await expect(page.locator('#per-coach tbody tr').first(), 'Each coach of the territory should have a line').toBeVisible();
  await expect(page.getByRole('link', { name: 'Télécharger ce tableau (CSV)' }), 'The table can be downloaded').toHaveAttribute('href', /activite\.csv\?du=/);

  const list = await site.follow(() => page.getByRole('link', { name: 'Bénéficiaires du territoire' }).click(), 'opening the beneficiaries');
  expect(list?.status(), 'The territory\'s beneficiaries should open (HTTP 200)').toBe(200);
  const person = page.locator('table tbody th a').first();
  await expect(person, 'The demo territory has people accompanied').toBeVisible();
  const timeline = await site.follow(() => person.click(), 'opening a follow-up');
  expect(timeline?.status(), 'A manager reads the follow-ups of the territory (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 2, name: 'Historique' }), 'The timeline lists the history').toBeVisible();
});
