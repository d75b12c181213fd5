// Sign-up (/inscription): errors explained and input kept; a valid sign-up opens the account page.
import { test, expect, field, uniqueEmail, withoutBrowserValidation } from '../support/site.js';

const PASSWORD = 'tremplin-e2e-mot-de-passe';
const DISPLAY_NAME = 'Camille Essai';

async function openSignUp(site, page) {
  const response = await site.visit('/inscription');
  expect(response.status(), 'The sign-up page /inscription should open (HTTP 200)').toBe(200);
  const form = {
    email: field(page, 'Adresse e-mail'),
    password: field(page, 'Mot de passe'),
    displayName: field(page, 'Nom affiché'),
    submit: page.getByRole('button', { name: 'Créer mon compte', exact: true }),
  };
  await expect(form.email, 'The sign-up form should have a field labelled "Adresse e-mail"').toBeVisible();
  await expect(form.password, 'The sign-up form should have a field labelled "Mot de passe"').toBeVisible();
  await expect(form.displayName, 'The sign-up form should have a field labelled "Nom affiché"').toBeVisible();
  await expect(form.submit, 'The sign-up form should have a button "Créer mon compte"').toBeVisible();
  return form;
}

test('an invalid e-mail address is explained, and what the visitor typed is kept', async ({ site, page }) => {
  const form = await openSignUp(site, page);
  await form.email.fill('pas-un-email');
  await form.password.fill(PASSWORD);
  await form.displayName.fill(DISPLAY_NAME);
  await withoutBrowserValidation(form.email);

  const response = await site.follow(() => form.submit.click(), 'submitting the sign-up form');
  expect(
    response?.status(),
    'A sign-up with an invalid e-mail should re-show the form with HTTP 422 (Unprocessable Content)',
  ).toBe(422);
  expect(site.path(), 'After the error the visitor should still be on the sign-up page').toBe('/inscription');

  const alert = page.getByRole('alert').first();
  await expect(
    alert,
    'The error should be announced to screen readers: a message in an element with role="alert"',
  ).toBeVisible();
  await expect(alert, 'The error message should not be empty').not.toHaveText(/^\s*$/);

  await expect(
    field(page, 'Adresse e-mail'),
    'The e-mail the visitor typed should still be in the field, to correct it rather than retype it',
  ).toHaveValue('pas-un-email');
  await expect(
    field(page, 'Nom affiché'),
    'The display name the visitor typed should still be in the field after the error',
  ).toHaveValue(DISPLAY_NAME);
});

test('a valid sign-up opens "Mon compte" showing the new address', async ({ site, page }) => {
  const email = uniqueEmail('inscription');
  const form = await openSignUp(site, page);
  await form.email.fill(email);
  await form.password.fill(PASSWORD);
  await form.displayName.fill(DISPLAY_NAME);

  const response = await site.follow(() => form.submit.click(), 'submitting the sign-up form');
  expect(response?.status(), `After signing up, the page shown should open (HTTP 200)`).toBe(200);
  expect(site.path(), 'After signing up the visitor should land on their account page /compte').toBe('/compte');
  await expect(
    page.getByRole('heading', { name: 'Mon compte', exact: true }),
    'The account page should have the heading "Mon compte"',
  ).toBeVisible();
  await expect(
    page.locator('main'),
    `The account page should show the address the visitor signed up with (${email})`,
  ).toContainText(email);
});
