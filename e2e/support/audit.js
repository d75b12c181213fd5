// Accessibility audit with axe-core, in French, on the WCAG 2.0/2.1/2.2 A and AA rules.
// A violation of impact "serious" or "critical" fails the test (softly, so that one run lists every
// page's problems); lesser ones are attached to the test report.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from '@playwright/test';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeFrench = JSON.parse(readFileSync(require.resolve('axe-core/locales/fr.json'), 'utf8'));

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe-core on the current document and returns its violations, summarised. */
export async function runAxe(page) {
  const injected = await page.evaluate(() => typeof window.axe === 'object');
  if (!injected) {
    // An inline script: allowed because the browser context bypasses the page's CSP.
    await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(
    async ({ locale, tags }) => {
      window.axe.configure({ locale });
      const results = await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
          html: n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html,
        })),
      }));
    },
    { locale: axeFrench, tags: WCAG_TAGS },
  );
}

/** Formats violations for a failure message: rule id, impact, help and the elements concerned. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `      at ${n.target}\n         ${n.html}`).join('\n');
      return `  - [${v.impact}] ${v.id}: ${v.help}\n      (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/**
 * Audits the page the browser shows now; `where` names it in the failure message.
 * Returns the blocking violations (also reported through a soft assertion).
 */
export async function auditAccessibility(page, testInfo, where) {
  const violations = await runAxe(page);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact));
  const minor = violations.filter((v) => !BLOCKING.has(v.impact));
  if (minor.length > 0 && testInfo) {
    await testInfo.attach(`axe minor violations on ${where}`, {
      body: describeViolations(minor),
      contentType: 'text/plain',
    });
  }
  expect
    .soft(
      blocking.length,
      `Accessibility (axe-core, WCAG 2.x A/AA) on ${where}: ${blocking.length} serious or critical ` +
        `violation(s) that block some visitors:\n${describeViolations(blocking)}\n`,
    )
    .toBe(0);
  return blocking;
}
