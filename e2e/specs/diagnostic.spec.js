// The digital-maturity diagnostic (/diagnostic) on a 360 px phone: a business near Angers
// answers every question, sees its score per axis with the chart and its table, each answer
// explained and recommendations (modules, workshops, coaches). Sending it half answered brings
// the form back with a message at each question. Every page is audited.
import { test, expect, field } from '../support/site.js';

test.use({ viewport: { width: 360, height: 740 } });

async function answerEverything(page, pick) {
  const questions = page.locator('fieldset[id^="q-"]');
  const count = await questions.count();
  expect(count, 'The questionnaire should hold about twenty questions').toBeGreaterThanOrEqual(18);
  for (let i = 0; i < count; i += 1) {
    const radios = questions.nth(i).locator('input[type="radio"]');
    const n = await radios.count();
    await radios.nth(pick(n)).check();
  }
}

test('a business takes the diagnostic on a phone and sees its result', async ({ site, page }) => {
  const response = await site.visit('/diagnostic');
  expect(response.status(), 'The diagnostic /diagnostic should open without an account (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The page should be titled').toHaveText('Diagnostic de maturité numérique');
  await expect(page.locator('fieldset.diagnostic-axis'), 'One fieldset per axis').toHaveCount(6);

  await page.getByLabel('Une entreprise, un commerce ou une association').check();
  await field(page, 'Votre commune (facultatif)').fill('Angers');
  await answerEverything(page, () => 0);
  const result = await site.follow(() => page.getByRole('button', { name: 'Voir mon résultat' }).click(), 'sending the answers');
  expect(result?.status(), 'The result should open (HTTP 200)').toBe(200);
  expect(site.path(), 'The result should have its own address').toMatch(/^\/diagnostic\/resultats\/[A-Za-z0-9_-]+$/);

  await expect(page.getByRole('heading', { level: 1 }), 'The result should be titled').toHaveText('Votre diagnostic de maturité numérique');
  await expect(page.getByText('Score global : 0 %'), 'The overall score should be given').toBeVisible();
  const chart = page.getByRole('img', { name: 'Score par axe, en pourcentage' });
  await expect(chart, 'The chart should be an image with a title').toBeVisible();
  await expect(page.getByRole('table').first(), 'The chart data should be in a table too').toContainText('Présence en ligne');
  await expect(page.getByText(/Sans site, vos clients ne trouvent pas vos horaires/), 'Each answer should be explained').toBeVisible();
  const modules = page.getByRole('heading', { level: 3, name: 'Modules à suivre' });
  await expect(modules, 'Modules should be recommended').toBeVisible();
  await expect(page.locator('a[href="/modules/creer-son-site"]'), 'The website module should be recommended').toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Prochains ateliers près de chez vous' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Conseillers qui peuvent vous accompagner' })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'The result should fit a 360 px screen without scrolling sideways').toBeLessThanOrEqual(360);
});

test('unanswered questions are pointed out and answers kept', async ({ site, page }) => {
  await site.visit('/diagnostic');
  const first = page.locator('fieldset[id^="q-"]').first().locator('input[type="radio"]').nth(1);
  await first.check();
  const response = await site.follow(() => page.getByRole('button', { name: 'Voir mon résultat' }).click(), 'sending almost nothing');
  expect(response?.status(), 'Missing answers should come back with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problem should be announced').toBeVisible();
  await expect(page.getByText('Choisissez une réponse à cette question.').first(), 'A message should sit at an unanswered question').toBeVisible();
  await expect(page.locator('fieldset[id^="q-"]').first().locator('input[type="radio"]').nth(1), 'The answer given should stay ticked').toBeChecked();
});

test('the demo merchant sees their progress between two diagnostics', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill('commerce@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  const history = await site.follow(() => page.getByRole('link', { name: 'Mes diagnostics' }).click(), 'opening the history from the account');
  expect(history?.status(), 'The history should open (HTTP 200)').toBe(200);
  expect(site.path()).toBe('/diagnostic/historique');
  await expect(page.getByRole('heading', { level: 2, name: 'Vos progrès' }), 'Two results should show progress').toBeVisible();
  await expect(page.getByRole('img', { name: /Score par axe : diagnostic récent/ }), 'The progress chart should have a title').toBeVisible();
  await expect(page.getByRole('table').first(), 'The progress per axis should be in a table').toContainText('+');
  const result = await site.follow(() => page.locator('table').last().locator('a').first().click(), 'opening the latest result');
  expect(result?.status(), 'The merchant opens their own result (HTTP 200)').toBe(200);
});
