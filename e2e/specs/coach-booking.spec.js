// Booking a coach without an account: a resident opens the demo coach's booking page, picks the
// first free slot, books, lands on their appointment page, then cancels it. The demo coach then
// sees their agenda with its private calendar feed. Every page is audited.
import { test, expect, field, uniqueEmail } from '../support/site.js';

const COACH_SLUG = 'camille-conseil';

test('a resident books a free slot of a demo coach, then cancels', async ({ site, page }) => {
  const booking = await site.visit(`/coachs/${COACH_SLUG}/reserver`);
  expect(booking.status(), 'The booking page of the demo coach should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The page should name the coach').toContainText('Prendre rendez-vous avec');

  const firstSlot = page.locator('ul.slots a').first();
  await expect(firstSlot, 'The demo coach should have a free slot to offer').toBeVisible();
  const form = await site.follow(() => firstSlot.click(), 'choosing the first free slot');
  expect(form?.status(), 'The form for the chosen slot should open').toBe(200);
  await expect(page.locator('.slot-chosen'), 'The chosen slot should be shown in Paris time').toContainText('heure de Paris');

  await field(page, 'Votre besoin en quelques mots').fill('Je voudrais que ma boutique soit trouvée sur les cartes en ligne.');
  await field(page, 'Nom et prénom').fill('Camille Essai');
  await field(page, 'E-mail').fill(uniqueEmail('rendez-vous'));
  await page.getByLabel("J'accepte le traitement").check();
  const booked = await site.follow(() => page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click(), 'booking');
  expect(booked?.status(), 'Booking should lead to the appointment page').toBe(200);
  expect(site.path(), 'The appointment page is reached by its private link').toMatch(/^\/rendez-vous\//);
  await expect(page.getByRole('heading', { level: 1 }), 'The appointment page should say what it is').toHaveText('Votre rendez-vous');
  await expect(page.getByRole('status').first(), 'A message should confirm the booking').toContainText('confirmé');
  await expect(page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }), 'The page should offer the calendar file').toBeVisible();
  await expect(page.getByRole('link', { name: 'Ce qui a été noté sur moi' }), 'The page should link what is recorded').toBeVisible();

  const confirm = await site.follow(() => page.getByRole('link', { name: 'Annuler le rendez-vous' }).click(), 'asking to cancel');
  expect(confirm?.status(), 'The confirmation page should open').toBe(200);
  const cancelled = await site.follow(() => page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click(), 'cancelling');
  expect(cancelled?.status(), 'Cancelling should lead back to the appointment page').toBe(200);
  await expect(page.getByRole('status').first(), 'A message should confirm the cancellation').toContainText('annulé');
  await expect(page.getByRole('link', { name: 'Annuler le rendez-vous' }), 'A cancelled appointment cannot be cancelled again').toHaveCount(0);
});

test('the demo coach sees their agenda and its private feed', async ({ site, page }) => {
  await site.visit('/connexion');
  await field(page, 'Adresse e-mail').fill('conseil@demo.tremplin.example');
  await field(page, 'Mot de passe').fill('demo-tremplin-2026');
  await site.follow(() => page.getByRole('button', { name: 'Se connecter', exact: true }).click(), 'logging in');
  const agenda = await site.visit('/espace-coach');
  expect(agenda.status(), 'The coach space should open (HTTP 200)').toBe(200);
  await expect(page.getByRole('heading', { level: 1 }), 'The agenda should have its heading').toHaveText('Mes rendez-vous');
  await expect(page.getByRole('heading', { name: 'À venir' }), 'Upcoming appointments come first').toBeVisible();
  await expect(page.getByRole('link', { name: "S'abonner (webcal)" }), 'The private feed should be offered')
    .toHaveAttribute('href', /^webcal:\/\/.*\/coachs\/camille-conseil\/agenda-prive\.ics\?cle=/);
});
