// Other public pages, each audited: territories, login link, forgotten password, and a 404.
import { test, expect, field, DEMO_MEMBER } from '../support/site.js';

async function expectFrenchPageWithTitle(page, what) {
  await expect(page.locator('html'), `${what} should be in French: <html lang="fr">`).toHaveAttribute('lang', 'fr');
  await expect(
    page.getByRole('heading', { level: 1 }).first(),
    `${what} should have a main heading (h1) telling where the visitor is`,
  ).toBeVisible();
}

test('the territories page opens', async ({ site, page }) => {
  const response = await site.visit('/territoires');
  expect(response.status(), 'The territories page /territoires should open (HTTP 200)').toBe(200);
  await expectFrenchPageWithTitle(page, 'The territories page');
});

/** Opens `path`, types the demo member's address in the e-mail field and sends it with Enter. */
async function askByEmail(site, page, path, what) {
  const response = await site.visit(path);
  expect(response.status(), `${what} ${path} should open (HTTP 200)`).toBe(200);
  await expectFrenchPageWithTitle(page, what);
  const email = field(page, 'Adresse e-mail');
  await expect(email, `${what} should have a field labelled "Adresse e-mail"`).toBeVisible();
  await email.fill(DEMO_MEMBER.email);
  const answer = await site.follow(() => email.press('Enter'), `sending the form of ${path}`);
  expect(
    answer?.status(),
    `After sending the form of ${path} the visitor should see a confirmation, not an error`,
  ).toBeLessThan(400);
  await expectFrenchPageWithTitle(page, `The page shown after sending the form of ${path}`);
}

test('a member asks for a login link by e-mail', async ({ site, page }) => {
  await askByEmail(site, page, '/connexion/lien', 'The login-link page');
});

test('a member asks to reset a forgotten password', async ({ site, page }) => {
  await askByEmail(site, page, '/mot-de-passe/oublie', 'The forgotten-password page');
});

test('an unknown address answers 404 with a page in French', async ({ site, page }) => {
  const response = await site.visit('/nexiste-pas');
  expect(response.status(), 'An address that does not exist should answer HTTP 404').toBe(404);
  await expectFrenchPageWithTitle(page, 'The "page not found" page');
  await expect(
    page.getByRole('link').first(),
    'The "page not found" page should offer links to get back on track',
  ).toBeVisible();
});
