// The ecosystem on a phone: the demo member looks for a mentor for their project, opens the
// first one, asks for an introduction with a short message and sees no contact detail yet; the
// mentor logs in, accepts, and only then do both see each other's contact. Every page is audited.
import { test, expect, field } from '../support/site.js';

const MEMBER = 'membre@demo.tremplin.example';
const MENTOR = 'mentor@demo.tremplin.example';
const PASSWORD = 'demo-tremplin-2026';

test.use({ viewport: { width: 360, height: 740 } });

async function logIn(site, page, email) {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(email);
  await field(page, 'Mot de passe').fill(PASSWORD);
  const logged = await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), `logging in as ${email}`);
  expect(logged?.status(), `${email} should be logged in`).toBe(200);
}

async function logOut(site, page) {
  const out = await site.follow(() => page.getByRole('button', { name: 'Se déconnecter' }).click(), 'logging out');
  expect(out?.status(), 'Logging out lands on a page').toBe(200);
}

test('the member finds a mentor, asks for an introduction, and the mentor accepts it', async ({ site, page }) => {
  await logIn(site, page, MEMBER);

  await site.visit('/ecosysteme');
  await expect(page.getByRole('heading', { level: 1 }), 'The ecosystem page opens').toBeVisible();
  await field(page, 'Votre besoin').selectOption('mentoring');
  const results = await site.follow(() => page.getByRole('button', { name: 'Chercher', exact: true }).click(), 'searching for mentoring');
  expect(results?.status(), 'The search answers (HTTP 200)').toBe(200);
  const first = page.locator('main ol.eco-list > li').first();
  await expect(first, 'The demo mentor comes first for the member’s need').toContainText('Claude Mentor');
  await expect(first, 'Each result says in one line why it fits').toContainText('Propose du mentorat');

  const profile = await site.follow(() => first.getByRole('link', { name: /Claude Mentor/ }).click(), 'opening the mentor');
  expect(profile?.status(), 'The mentor’s page opens (HTTP 200)').toBe(200);
  await expect(page.locator('main'), 'No contact detail is on a public profile').not.toContainText('@demo.tremplin.example');

  const form = await site.follow(() => page.getByRole('link', { name: 'Demander une mise en relation' }).click(), 'opening the request');
  expect(form?.status(), 'The request form opens (HTTP 200)').toBe(200);
  await field(page, 'Votre message').fill('Trop court');
  const refused = await site.follow(() => page.getByRole('button', { name: 'Envoyer la demande' }).click(), 'sending a message too short');
  expect(refused?.status(), 'A message too short is refused (HTTP 422)').toBe(422);
  await expect(page.locator('main'), 'The error is explained').toContainText('entre 20 et 1 000 caractères');
  await field(page, 'Votre message').fill(
    "J'ouvre une épicerie en vrac à Angers et je cherche un regard d'expérience sur mon plan de lancement.",
  );
  const sent = await site.follow(() => page.getByRole('button', { name: 'Envoyer la demande' }).click(), 'sending the request');
  expect(sent?.status(), 'The request is sent (HTTP 200 after the redirect)').toBe(200);
  await expect(page.getByRole('status').first(), 'A message confirms the request').toContainText('Demande envoyée');

  const mine = await site.visit('/ecosysteme/mises-en-relation');
  expect(mine.status(), 'The member’s introductions open').toBe(200);
  const pending = await site.follow(() => page.getByRole('link', { name: /Claude Mentor/ }).first().click(), 'opening the request sent');
  expect(pending?.status(), 'The request page opens').toBe(200);
  await expect(page.locator('main'), 'Before the mentor agrees, no contact is shown').toContainText("Les coordonnées s'affichent ici une fois la demande acceptée.");
  await expect(page.locator('main'), 'The mentor’s e-mail is not shown yet').not.toContainText(MENTOR);
  const requestPath = site.path();

  await logOut(site, page);
  await logIn(site, page, MENTOR);
  await site.visit('/ecosysteme/mises-en-relation');
  const accepted = await site.follow(
    () => page.getByRole('button', { name: /^Accepter la demande de Alex Membre/ }).click(),
    'accepting the request',
  );
  expect(accepted?.status(), 'The mentor accepts (HTTP 200 after the redirect)').toBe(200);
  const seen = await site.visit(requestPath);
  expect(seen.status(), 'The mentor opens the accepted introduction').toBe(200);
  await expect(page.locator('.eco-contact'), 'Once both agreed, the mentor sees the member’s contact').toContainText(MEMBER);

  await logOut(site, page);
  await logIn(site, page, MEMBER);
  await site.visit(requestPath);
  await expect(page.locator('.eco-contact'), 'And the member sees the mentor’s').toContainText(MENTOR);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'The page fits a phone screen').toBeLessThanOrEqual(0);
});
