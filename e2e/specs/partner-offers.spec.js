// The partner offers catalogue (/offres): a visitor filters it by need and opens an offer; the
// demo manager reviews the queue and rejects an offer with a note. Every page is audited.
import { test, expect, field } from '../support/site.js';

test('a visitor sees the neutral catalogue, filters it and opens an offer', async ({ site, page }) => {
  const response = await site.visit('/offres');
  expect(response.status(), 'The catalogue /offres should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The catalogue should have a main heading').toHaveText('Offres partenaires');
  await expect(page.getByText(/Aucune place ne s'achète/).first(), 'The page should say how the order is made').toBeVisible();

  await field(page, 'Besoin').selectOption('office');
  const filtered = await site.follow(() => page.getByRole('button', { name: 'Afficher les offres' }).click(), 'filtering by need');
  expect(filtered?.status(), 'Filtering should answer (HTTP 200)').toBe(200);
  expect(new URL(page.url()).searchParams.get('category'), 'The need should be kept in the URL').toBe('office');
  const libre = page.locator('.eco-offer-column-open_source .eco-offer-card').first();
  await expect(libre, 'Open-source options should be shown for office tools').toBeVisible();
  await expect(libre.locator('.eco-offer-data'), 'Each offer should say what data the provider receives')
    .toContainText('Données transmises au fournisseur :');

  const detail = await site.follow(() => libre.locator('h4 a').click(), 'opening an offer');
  expect(detail?.status(), 'The offer page should open (HTTP 200)').toBe(200);
  await expect(page.locator('.eco-offer-data'), 'The offer page should say what data the provider receives').toBeVisible();
});

test('the demo manager rejects a submitted offer with a note', async ({ site, page }) => {
  await site.visit('/connexion?retour=/territoires/angers-loire-metropole/offres');
  await field(page, 'Adresse e-mail').fill('gestion@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  const logged = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  expect(logged?.status(), 'Logging in should lead to the review queue').toBe(200);
  expect(site.path()).toBe('/territoires/angers-loire-metropole/offres');

  const reject = page.getByRole('button', { name: /^Refuser « Animation des réseaux sociaux »$/ });
  const refused = await site.follow(() => reject.click(), 'rejecting without a note');
  expect(refused?.status(), 'A rejection without a note should come back with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first(), 'The missing note should be announced').toBeVisible();

  await page.locator('#note-boost-reseaux-community-manager').fill('Précisez ce que vous publiez et pour quel public.');
  const done = await site.follow(() => reject.click(), 'rejecting with a note');
  expect(done?.status(), 'The rejection should lead back to the queue').toBe(200);
  await expect(page.getByText('Offre refusée ; le fournisseur est prévenu par e-mail.'), 'The decision should be confirmed').toBeVisible();
});
