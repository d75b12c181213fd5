// The digital passport: the demo merchant opens their passport from their path on a phone,
// downloads the signed credential, and anyone verifies it — by its verification page, and by
// pasting the credential (a changed character is refused). The demo manager sees the passports
// of the territory, one of them revoked. Every page is audited.
import { test, expect, field } from '../support/site.js';

const PASSWORD = 'demo-tremplin-2026';
const HOLDER = { email: 'commerce@demo.tremplin.example', password: PASSWORD };

test.use({ viewport: { width: 360, height: 740 } });

async function logIn(site, page, email) {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(email);
  await field(page, 'Mot de passe').fill(PASSWORD);
  const logged = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  expect(logged?.status(), `${email} should be logged in`).toBe(200);
}

test('a demo passport is verified by its page and by its pasted credential', async ({ site, page }) => {
  await logIn(site, page, HOLDER.email);
  await site.visit('/mon-parcours');
  const mine = await site.follow(() => page.getByRole('link', { name: 'Voir mon passeport' }).first().click(), 'opening my passport');
  expect(mine?.status(), 'The holder\'s page should open from their path (HTTP 200)').toBe(200);
  expect(site.path(), 'The holder\'s page has its private link').toMatch(/^\/passeport\/[^/]+\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('heading', { level: 1 }), 'The page should be titled').toHaveText('Mon passeport numérique');
  await expect(page.locator('main'), 'The page should show the territory').toContainText('Angers');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'The passport should fit a phone screen').toBeLessThanOrEqual(0);

  const jwtHref = await page.getByRole('link', { name: /attestation signée/ }).getAttribute('href');
  const download = await page.request.get(jwtHref);
  expect(download.status(), 'The signed credential downloads (HTTP 200)').toBe(200);
  const credential = (await download.text()).trim();
  expect(credential.split('.').length, 'The credential is a JWT').toBe(3);
  const pdf = await page.request.get(jwtHref.replace(/\.jwt$/, '.pdf'));
  expect(pdf.headers()['content-type'], 'The PDF downloads').toBe('application/pdf');

  const verifyHref = await page.locator('figcaption a').getAttribute('href');
  const verification = await site.visit(new URL(verifyHref).pathname);
  expect(verification.status(), 'The verification page should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('status').first(), 'The passport should be valid').toContainText('Passeport valide');
  await expect(page.locator('main'), 'The holder chose to show their name').toContainText('Boulangerie de la Doutre');

  await site.visit('/passeport/verifier');
  await field(page, 'Attestation (VC-JWT)').fill(credential);
  const checked = await site.follow(() => page.getByRole('button', { name: 'Vérifier', exact: true }).click(), 'verifying the credential');
  expect(checked?.status(), 'The check should answer (HTTP 200)').toBe(200);
  await expect(page.locator('main'), 'The signature should hold').toContainText('Signature valide');
  await expect(page.locator('main'), 'The passport should be valid').toContainText('Passeport valide');

  const [header, payload, signature] = credential.split('.');
  const middle = Math.floor(payload.length / 2);
  const swapped = payload[middle] === 'A' ? 'B' : 'A';
  const tampered = [header, payload.slice(0, middle) + swapped + payload.slice(middle + 1), signature].join('.');
  await field(page, 'Attestation (VC-JWT)').fill(tampered);
  await site.follow(() => page.getByRole('button', { name: 'Vérifier', exact: true }).click(), 'verifying a changed credential');
  await expect(page.locator('main'), 'A changed character should be refused').toContainText('Attestation invalide');

  await field(page, 'Attestation (VC-JWT)').fill('');
  const empty = await site.follow(() => page.getByRole('button', { name: 'Vérifier', exact: true }).click(), 'verifying nothing');
  expect(empty?.status(), 'An empty paste is refused (HTTP 422)').toBe(422);
  await expect(page.locator('#credential-error'), 'The message stands beside the field').toContainText('Collez l\'attestation');
});

test('the demo manager lists the territory\'s passports, one revoked', async ({ site, page }) => {
  await logIn(site, page, 'gestion@demo.tremplin.example');
  const list = await site.visit('/territoires/angers-loire-metropole/passeports');
  expect(list.status(), 'The passports of the territory should open for its manager (HTTP 200)').toBe(200);
  await expect(page.locator('table tbody tr').first(), 'The demo passports should be listed').toBeVisible();
  await expect(page.locator('main'), 'One demo passport is revoked').toContainText('Révoqué le');
  const revoked = page.locator('table tbody tr', { hasText: 'Révoqué le' }).getByRole('link', { name: 'Vérification' });
  const shown = await site.follow(() => revoked.first().click(), 'opening a revoked passport\'s verification');
  expect(shown?.status(), 'The verification page should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('status').first(), 'It should say revoked, with the date').toContainText('Passeport révoqué le');

  const angers = await site.visit('/territoires/angers/passeports');
  expect(angers.status(), 'A manager of the metropolis also manages Angers (HTTP 200)').toBe(200);
  await expect(page.locator('main'), 'Angers\' retired key stays published').toContainText('retirée le');
});
