// Calendars and the check-in code as a person meets them: after registering, the registration
// page shows the QR code (an image that loads) and offers the workshop as a calendar file; the
// agenda's feed is a calendar too.
import { test, expect, field, uniqueEmail } from '../support/site.js';

test('the registration page shows the check-in code and a calendar file', async ({ site, page }) => {
  await site.visit('/ateliers?theme=website&free_seats=true');
  await site.follow(() => page.locator('.event-card h4 a').first().click(), 'opening a workshop with free seats');
  await field(page, 'Nom et prénom').fill('Camille Agenda');
  await field(page, 'E-mail').fill(uniqueEmail('agenda'));
  await page.getByLabel("J'accepte le traitement").check();
  await site.follow(() => page.getByRole('button', { name: "Je m'inscris" }).click(), 'registering');
  expect(site.path(), 'Registering should lead to the registration page').toMatch(/^\/inscriptions\//);

  const code = page.locator('img.qr-code');
  await expect(code, 'A confirmed registration shows its check-in code').toBeVisible();
  const width = await code.evaluate((img) => img.complete ? img.naturalWidth : 0);
  expect(width, 'The QR code image should load (qr.svg)').toBeGreaterThan(0);

  const href = await page.getByRole('link', { name: 'Ajouter à mon agenda' }).getAttribute('href');
  const file = await page.request.get(href);
  expect(file.status(), 'The calendar file should download (HTTP 200)').toBe(200);
  expect(file.headers()['content-type'], 'The calendar file should be iCalendar').toContain('text/calendar');
  const text = await file.text();
  expect(text, 'The file should be an invitation naming the person').toContain('METHOD:REQUEST');
  expect(text.replace(/\r\n /g, ''), 'The person should be the attendee').toContain('CN="Camille Agenda"');

  const feed = await page.request.get('/ateliers.ics?theme=website');
  expect(feed.status(), 'The agenda feed should answer (HTTP 200)').toBe(200);
  expect(await feed.text(), 'The feed should hold events').toContain('BEGIN:VEVENT');
});
