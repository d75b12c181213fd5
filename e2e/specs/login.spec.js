// Login and logout with the demo account, a wrong password, and the login form by keyboard only.
import { test, expect, field, DEMO_MEMBER } from '../support/site.js';

async function openLogin(site, page) {
  const response = await site.visit('/connexion');
  expect(response.status(), 'The login page /connexion should open (HTTP 200)').toBe(200);
  const form = {
    email: field(page, 'Adresse e-mail'),
    password: field(page, 'Mot de passe'),
    submit: page.getByRole('button', { name: 'Se connecter', exact: true }),
  };
  await expect(form.email, 'The login form should have a field labelled "Adresse e-mail"').toBeVisible();
  await expect(form.password, 'The login form should have a field labelled "Mot de passe"').toBeVisible();
  await expect(form.submit, 'The login form should have a button "Se connecter"').toBeVisible();
  return form;
}

async function expectAccountPage(site, page, response, how) {
  expect(response?.status(), `After ${how}, the page shown should open (HTTP 200)`).toBe(200);
  expect(site.path(), `After ${how} the member should land on their account page /compte`).toBe('/compte');
  await expect(
    page.getByRole('heading', { name: 'Mon compte', exact: true }),
    'The account page should have the heading "Mon compte"',
  ).toBeVisible();
}

test('the demo member logs in, sees "Mon compte", then logs out', async ({ site, page }) => {
  const form = await openLogin(site, page);
  await form.email.fill(DEMO_MEMBER.email);
  await form.password.fill(DEMO_MEMBER.password);
  const response = await site.follow(() => form.submit.click(), 'clicking "Se connecter"');
  await expectAccountPage(site, page, response, 'logging in');
  await expect(
    page.locator('main'),
    `The account page should show the member's address (${DEMO_MEMBER.email})`,
  ).toContainText(DEMO_MEMBER.email);
  await expect(
    page.getByRole('link', { name: 'Connexion', exact: true }),
    'Once logged in, the "Connexion" link should no longer be offered',
  ).toHaveCount(0);

  const logout = page.getByRole('button', { name: 'Se déconnecter', exact: true }).first();
  await expect(logout, 'A logged-in member should see a button "Se déconnecter"').toBeVisible();
  await site.follow(() => logout.click(), 'clicking "Se déconnecter"');
  expect(site.path(), 'After logging out the visitor should be back on the home page').toBe('/');
  await expect(
    page.getByRole('link', { name: 'Connexion', exact: true }).first(),
    'After logging out the "Connexion" link should be visible again',
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Se déconnecter', exact: true }),
    'After logging out the "Se déconnecter" button should be gone',
  ).toHaveCount(0);
});

test('a wrong password is explained, on the login form, with the e-mail kept', async ({ site, page }) => {
  const form = await openLogin(site, page);
  await form.email.fill(DEMO_MEMBER.email);
  await form.password.fill('pas-le-bon-mot-de-passe');
  const response = await site.follow(() => form.submit.click(), 'clicking "Se connecter"');
  expect(response?.status(), 'A failed login should not answer with a server error').toBeLessThan(500);
  expect(site.path(), 'After a wrong password the visitor should still be on the login page').toBe('/connexion');

  const alert = page.getByRole('alert').first();
  await expect(
    alert,
    'The login error should be announced to screen readers: a message in an element with role="alert"',
  ).toBeVisible();
  await expect(alert, 'The login error message should not be empty').not.toHaveText(/^\s*$/);
  await expect(
    page.getByRole('button', { name: 'Se connecter', exact: true }),
    'The login form should be shown again to try once more',
  ).toBeVisible();
  await expect(
    field(page, 'Adresse e-mail'),
    'The e-mail the visitor typed should still be in the field after a wrong password',
  ).toHaveValue(DEMO_MEMBER.email);
});

test('the login form can be filled and sent with the keyboard only', async ({ site, page }) => {
  const form = await openLogin(site, page);
  const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

  let tabs = 0;
  while (!(await isFocused(form.email))) {
    tabs += 1;
    expect(
      tabs,
      'Pressing Tab from the top of /connexion should reach the "Adresse e-mail" field',
    ).toBeLessThanOrEqual(40);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(DEMO_MEMBER.email);
  await page.keyboard.press('Tab');
  await expect(
    form.password,
    'Tab from the "Adresse e-mail" field should go to the "Mot de passe" field',
  ).toBeFocused();
  await page.keyboard.type(DEMO_MEMBER.password);

  let more = 0;
  while (!(await isFocused(form.submit))) {
    more += 1;
    expect(
      more,
      'Pressing Tab after the password should soon reach the "Se connecter" button',
    ).toBeLessThanOrEqual(5);
    await page.keyboard.press('Tab');
  }
  const response = await site.follow(() => page.keyboard.press('Enter'), 'pressing Enter on "Se connecter"');
  await expectAccountPage(site, page, response, 'logging in with the keyboard');
});
