// Modules (/modules): a new account opens a module, passes its quiz on a phone-sized screen and
// sees the module validated, with its evidence, on its path (/mon-parcours). Every page is audited.
import { readFileSync } from 'node:fs';
import { test, expect, field, uniqueEmail } from '../support/site.js';

const catalogue = JSON.parse(readFileSync(new URL('../../crates/domain/src/learning/catalogue/modules.json', import.meta.url), 'utf8'));
const MODULE = catalogue.find((m) => m.slug === 'creer-son-site');

test.use({ viewport: { width: 360, height: 740 } });

test('a signed-in person passes a module quiz and finds it on their path', async ({ site, page }) => {
  await site.visit('/inscription');
  await field(page, 'Adresse e-mail').fill(uniqueEmail('modules'));
  await field(page, 'Mot de passe').fill('tremplin-e2e-mot-de-passe');
  await field(page, 'Nom affiché').fill('Camille Essai');
  const signed = await site.follow(() => page.getByRole('button', { name: 'Créer mon compte', exact: true }).click(), 'signing up');
  expect(signed?.status(), 'The sign-up should lead to the account page').toBe(200);

  const list = await site.visit('/modules');
  expect(list.status(), 'The catalogue /modules should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modules du passeport numérique');
  const opened = await site.follow(() => page.getByRole('link', { name: MODULE.title }).click(), 'opening the module');
  expect(opened?.status(), 'The module page should open').toBe(200);
  expect(site.path()).toBe(`/modules/${MODULE.slug}`);
  await expect(page.getByRole('heading', { name: 'Ressources gratuites' }), 'The page lists free resources').toBeVisible();

  const quiz = await site.follow(() => page.getByRole('link', { name: 'Répondre au quiz' }).click(), 'opening the quiz');
  expect(quiz?.status(), 'The quiz should open').toBe(200);
  // Submitting with nothing ticked: every question is flagged, nothing lost.
  await field(page, 'Votre commune').fill('Angers');
  const refused = await site.follow(() => page.getByRole('button', { name: 'Valider mes réponses' }).click(), 'submitting an empty quiz');
  expect(refused?.status(), 'Unanswered questions should give the form back with HTTP 422').toBe(422);
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(field(page, 'Votre commune'), 'The commune typed is kept').toHaveValue('Angers');

  for (const [index, question] of MODULE.quiz.questions.entries()) {
    await page.getByRole('group', { name: `${index + 1}. ${question.text}` }).getByLabel(question.choices[question.correct], { exact: true }).check();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'The quiz should fit a phone screen without sideways scrolling').toBeLessThanOrEqual(0);
  const scored = await site.follow(() => page.getByRole('button', { name: 'Valider mes réponses' }).click(), 'submitting the quiz');
  expect(scored?.status(), 'The scored quiz should be shown').toBe(200);
  await expect(page.locator('#quiz-result'), 'The score is shown').toContainText('5 bonnes réponses sur 5');
  await expect(page.locator('#quiz-result'), 'The pass is recorded').toContainText('Votre réussite est enregistrée dans votre parcours (Angers)');
  await expect(page.locator('main'), 'Each answer comes with its explanation').toContainText(MODULE.quiz.questions[0].explanation);

  const path = await site.follow(() => page.locator('#quiz-result').getByRole('link', { name: 'Mon parcours' }).click(), 'opening my path');
  expect(path?.status(), 'The path /mon-parcours should open').toBe(200);
  expect(site.path()).toBe('/mon-parcours');
  await expect(page.getByRole('heading', { name: 'Parcours de Angers' })).toBeVisible();
  await expect(page.locator('main'), 'The module is validated, with its evidence').toContainText(MODULE.title);
  await expect(page.locator('main')).toContainText('Quiz réussi (5/5)');
  await expect(page.locator('main')).toContainText('1 module(s) validé(s) sur 3');
});
