// Large events from the staff side: the demo manager creates a large event from /mes-ateliers,
// is refused an empty title, adds a session in a room from the programme page, finds it there
// under its room, and reaches the session's staff page from its public page. Every page is
// audited (axe-core).
import { test, expect, field } from '../support/site.js';

const MANAGER = { email: 'gestion@demo.tremplin.example', password: 'demo-tremplin-2026' };

/** A date a week ahead, `YYYY-MM-DD`. */
function nextWeek() {
  return new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
}

test('a manager creates a large event and adds a session in a room', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill(MANAGER.email);
  await field(page, 'Mot de passe').fill(MANAGER.password);
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');

  await site.visit('/mes-ateliers');
  const create = page.getByRole('link', { name: /^Créer un grand événement/ }).first();
  await expect(create, '/mes-ateliers links to the large event form for a manager').toBeVisible();
  const form = await site.follow(() => create.click(), 'opening the large event form');
  expect(form?.status(), 'The large event form opens for a manager (HTTP 200)').toBe(200);

  await field(page, 'Description').fill('Une journée de démonstrations.');
  const refused = await site.follow(
    () => page.getByRole('button', { name: 'Créer le grand événement', exact: true }).click(),
    'sending the form without a title',
  );
  expect(refused?.status(), 'A missing title comes back with its message (HTTP 422)').toBe(422);
  await expect(page.getByRole('alert').first(), 'The problem is announced').toBeVisible();
  await expect(field(page, 'Description'), 'The description is kept').toHaveValue('Une journée de démonstrations.');

  const title = `Forum du numérique ${Date.now()}`;
  await field(page, 'Titre').fill(title);
  const created = await site.follow(
    () => page.getByRole('button', { name: 'Créer le grand événement', exact: true }).click(),
    'creating the large event',
  );
  expect(created?.status()).toBe(200);
  expect(site.path(), 'The programme page opens').toMatch(/^\/evenements\/forum-du-numerique-\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const programmePath = site.path();

  const add = await site.follow(() => page.getByRole('link', { name: 'Ajouter une séance' }).click(), 'adding a session');
  expect(add?.status()).toBe(200);
  await expect(field(page, 'Grand événement'), 'The large event is pre-selected').toHaveValue(/^forum-du-numerique-\d+$/);
  await field(page, 'Titre').fill('Démonstration : payer sans contact');
  await field(page, 'Nom du lieu').fill('Centre de congrès');
  await field(page, 'Commune').fill('49000');
  await field(page, 'Salle').fill('Salle Loire');
  await field(page, 'Date').fill(nextWeek());
  await field(page, 'Heure de début').fill('10:00');
  await field(page, 'Heure de fin').fill('11:00');
  const saved = await site.follow(() => page.getByRole('button', { name: 'Créer', exact: true }).click(), 'creating the session');
  expect(saved?.status()).toBe(200);
  expect(site.path(), 'The session\'s staff page opens').toMatch(/^\/ateliers\/[^/]+\/gestion$/);
  const slug = site.path().split('/')[2];

  await site.visit(programmePath);
  await expect(page.getByRole('heading', { level: 3, name: 'Salle Loire' }), 'The programme shows the room').toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Démonstration : payer sans contact/ }), 'and the session in it, to register').toBeVisible();

  await site.visit(`/ateliers/${slug}`);
  const manage = page.getByRole('link', { name: 'Gérer cette séance' });
  await expect(manage, 'The session page links to its staff page for the manager').toBeVisible();
  await expect(page.getByRole('link', { name: /webcal/ }), 'The feed is offered as webcal:// too').toHaveAttribute('href', /^webcal:\/\//);
});
