// Home page: French by default, a skip link, a main landmark, a strict CSP, and pages that reflow
// at 320 px (WCAG 1.4.10) instead of making a phone user scroll sideways.
import { test, expect } from '../support/site.js';

test.describe('Home page', () => {
  test('is in French, with a skip link to the content as the first thing Tab reaches', async ({
    site,
    page,
  }) => {
    const response = await site.visit('/');
    expect(response.status(), 'The home page should open (HTTP 200)').toBe(200);

    await expect(
      page.locator('html'),
      'The home page should be announced as French to screen readers: <html lang="fr">',
    ).toHaveAttribute('lang', 'fr');

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(
      focused,
      'Pressing Tab once on the home page should focus the skip link ("aller au contenu"), ' +
        'a link to #contenu',
    ).toHaveAttribute('href', '#contenu');
    expect(
      await focused.evaluate((el) => el.tagName),
      'The first element Tab reaches should be a link',
    ).toBe('A');
    await expect(
      focused,
      'The skip link should be visible when it has the keyboard focus',
    ).toBeVisible();

    await expect(
      page.locator('main#contenu'),
      'The skip link should lead to the main content: <main id="contenu">',
    ).toHaveCount(1);
  });

  test('sends a strict Content-Security-Policy (no inline script)', async ({ site }) => {
    const response = await site.visit('/');
    const csp = response.headers()['content-security-policy'];
    expect(csp, 'The home page should send a Content-Security-Policy header').toBeTruthy();
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name.toLowerCase(), values]),
    );
    const scripts = directives['script-src'] ?? directives['default-src'];
    expect(scripts, `The CSP should restrict scripts (script-src or default-src): ${csp}`).toBeTruthy();
    expect(
      scripts,
      `The CSP should not allow inline scripts ('unsafe-inline'): ${csp}`,
    ).not.toContain("'unsafe-inline'");
  });
});

test.describe('Pages at 320 px wide (a small phone)', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const path of ['/', '/connexion', '/inscription']) {
    test(`${path} does not scroll sideways`, async ({ site, page }) => {
      const response = await site.visit(path);
      expect(response.status(), `${path} should open (HTTP 200)`).toBe(200);
      const { scrollWidth, culprits } = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [];
        for (const el of document.body.querySelectorAll('*')) {
          const box = el.getBoundingClientRect();
          if (box.right > width + 0.5 && box.width > 0) {
            const id = el.id ? `#${el.id}` : '';
            const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
            wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge at ${Math.round(box.right)} px)`);
          }
        }
        return { scrollWidth: document.scrollingElement.scrollWidth, culprits: wide.slice(-5) };
      });
      expect(
        scrollWidth,
        `At 320 px wide, ${path} is ${scrollWidth} px wide, so a phone user must scroll sideways. ` +
          `Elements sticking out:\n  ${culprits.join('\n  ')}`,
      ).toBeLessThanOrEqual(320);
    });
  }
});
