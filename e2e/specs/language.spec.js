// Language switch: French first, English second; the choice is remembered (cookie).
import { test, expect } from '../support/site.js';

test('a visitor switches to English and back to French, and the choice is remembered', async ({
  site,
  page,
}) => {
  const html = page.locator('html');
  await site.visit('/');

  const english = page.getByRole('link', { name: 'English', exact: true }).first();
  await expect(english, 'The home page should offer a link named "English"').toBeVisible();
  await expect(
    english,
    'The "English" link should say it leads to English content: hreflang="en"',
  ).toHaveAttribute('hreflang', 'en');

  await site.follow(() => english.click(), 'clicking "English"');
  expect(site.path(), 'Clicking "English" on the home page should show the home page again').toBe('/');
  await expect(html, 'After clicking "English" the home page should be in English: <html lang="en">').toHaveAttribute(
    'lang',
    'en',
  );

  await site.visit('/connexion');
  await expect(
    html,
    'After choosing English, going on to the login page should stay in English (the choice is remembered)',
  ).toHaveAttribute('lang', 'en');

  const french = page.getByRole('link', { name: 'Français', exact: true }).first();
  await expect(french, 'A page in English should offer a link named "Français"').toBeVisible();
  await site.follow(() => french.click(), 'clicking "Français"');
  expect(site.path(), 'Clicking "Français" on the login page should show the login page again').toBe(
    '/connexion',
  );
  await expect(html, 'After clicking "Français" the page should be in French: <html lang="fr">').toHaveAttribute(
    'lang',
    'fr',
  );

  await site.visit('/');
  await expect(
    html,
    'After choosing French again, the home page should stay in French',
  ).toHaveAttribute('lang', 'fr');
  await expect(
    page.getByRole('link', { name: 'English', exact: true }).first(),
    'Back in French, the "English" link should be offered again',
  ).toBeVisible();
});
