// A trainer calls off a whole session: from the staff page, the confirmation page says who
// will be told, refuses an empty reason, then cancels; the public page says "Séance annulée"
// with the reason. Every page is audited (axe-core).
import { test, expect, field } from '../support/site.js';

const TRAINER = { email: 'formation@demo.tremplin.example', password: 'demo-tremplin-2026' };
const REASON = 'La formatrice est malade.';

test('the demo trainer calls off a session', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(TRAINER.email);
  await field(page, 'Mot de passe').fill(TRAINER.password);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');

  await site.visit('/mes-ateliers');
  // The second date of the weekly series: the check-in spec works on the first one.
  const session = page.getByRole('link', { name: 'Créer le site de son commerce' }).nth(1);
  await site.follow(() => session.click(), 'opening the session\'s staff page');
  const gestion = site.path();

  const confirm = await site.follow(() => page.getByRole('link', { name: 'Annuler la séance…' }).click(), 'opening the call-off page');
  expect(confirm?.status(), 'The confirmation page opens (HTTP 200)').toBe(200);
  await expect(page.locator('#call-off-confirmed'), 'It says how many registered people will be told').toContainText('prévenue');

  const refused = await site.follow(() => page.getByRole('button', { name: 'Annuler la séance et prévenir les inscrits' }).click(), 'sending no reason');
  expect(refused?.status(), 'A reason is required (HTTP 422)').toBe(422);
  await expect(page.getByText('Indiquez le motif de l\'annulation.').first()).toBeVisible();

  await field(page, 'Motif (montré aux inscrits)').fill(REASON);
  const done = await site.follow(() => page.getByRole('button', { name: 'Annuler la séance et prévenir les inscrits' }).click(), 'calling it off');
  expect(done?.status()).toBe(200);
  expect(site.path(), 'Back to the staff page').toBe(gestion);
  await expect(page.getByRole('status').first()).toContainText('La séance est annulée');

  await site.visit(gestion.replace(/\/gestion$/, ''));
  await expect(page.locator('#called-off'), 'The public page says it is called off, and why').toContainText(REASON);
});
