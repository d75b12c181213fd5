// The `site` fixture: every spec moves through Tremplin with it, so that each page the browser
// shows is audited (axe-core) and checked for requests to another origin (PRODUCT.md: no third-party
// request from any page). At the end of each test it fails if a page was shown without an audit.
import { test as base, expect } from '@playwright/test';
import { auditAccessibility } from './audit.js';

export { expect };

export const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
const ORIGIN = BASE_URL ? new URL(BASE_URL).origin : '';

/** Demo account created by `tremplin demo`. */
export const DEMO_MEMBER = {
  email: 'membre@demo.tremplin.example',
  password: 'demo-tremplin-2026',
};

/** An e-mail address no earlier run has used. */
export function uniqueEmail(prefix = 'e2e') {
  const stamp = Date.now().toString(36);
  const noise = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${stamp}-${noise}@example.org`;
}

function withoutHash(url) {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

class Site {
  constructor(page, testInfo) {
    this.page = page;
    this.testInfo = testInfo;
    this.foreignRequests = [];
    this.shown = []; // documents the browser showed (URL without hash), in order
    this.audited = new Set();
    this.lastDocumentResponse = null;

    page.on('request', (request) => {
      const url = request.url();
      if (/^(data|blob|about):/.test(url)) return;
      if (originOf(url) !== ORIGIN) {
        this.foreignRequests.push({ url, from: page.url() });
      }
    });
    page.on('response', (response) => {
      const request = response.request();
      try {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
          this.lastDocumentResponse = response;
        }
      } catch {
        // a service-worker request has no frame: not a document of this page
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || frame.url().startsWith('about:')) return;
      const url = withoutHash(frame.url());
      if (this.shown[this.shown.length - 1] !== url) this.shown.push(url);
    });
  }

  /** The path of the page shown now, e.g. "/compte". */
  path() {
    return new URL(this.page.url()).pathname;
  }

  /** Opens `path` like a visitor typing the address, then checks the page. Returns the response. */
  async visit(path) {
    const response = await this.page.goto(path);
    if (!response) throw new Error(`Opening ${path} gave no response at all`);
    await this.check();
    return response;
  }

  /**
   * Performs `action` (a click, Enter in a form…) that makes the browser load a new document,
   * waits for it, checks it, and returns the response that delivered it (after any redirect).
   */
  async follow(action, what = 'the action') {
    this.lastDocumentResponse = null;
    const loaded = this.page.waitForEvent('load', { timeout: 15_000 });
    try {
      await action();
    } catch (error) {
      loaded.catch(() => {});
      throw error;
    }
    try {
      await loaded;
    } catch {
      throw new Error(`After ${what}, the browser did not load a new page within 15 s`);
    }
    const response = this.lastDocumentResponse;
    await this.check();
    return response;
  }

  /** Audits the page shown now: accessibility and requests to other origins. */
  async check() {
    const where = `${this.path()} (${await this.page.title().catch(() => 'no title')})`;
    await auditAccessibility(this.page, this.testInfo, where);
    this.audited.add(withoutHash(this.page.url()));
    this.assertNoForeignRequests(where);
  }

  assertNoForeignRequests(where) {
    const foreign = this.foreignRequests.splice(0);
    expect
      .soft(
        foreign.map((r) => r.url),
        `Page ${where} made the browser contact another site than ${ORIGIN} ` +
          `(a privacy leak: no CDN, font, analytics or tracker is allowed):\n` +
          foreign.map((r) => `  - ${r.url} (from ${r.from})`).join('\n'),
      )
      .toEqual([]);
  }

  /** Called after each test: every page shown must have been audited. */
  finish() {
    this.assertNoForeignRequests(`the last page (${this.page.url()})`);
    if (this.testInfo.status !== this.testInfo.expectedStatus) return; // already failed: no noise
    const unaudited = [...new Set(this.shown)].filter((url) => !this.audited.has(url));
    if (unaudited.length > 0) {
      throw new Error(
        `These pages were shown but never audited (call site.check() after each navigation):\n` +
          unaudited.map((u) => `  - ${u}`).join('\n'),
      );
    }
  }
}

export const test = base.extend({
  site: async ({ page }, use, testInfo) => {
    const site = new Site(page, testInfo);
    await use(site);
    site.finish();
  },
});

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The form control labelled `label` (the label may go on, e.g. "Mot de passe (12 caractères
 * minimum)"). Playwright fails clearly if there is none or several.
 */
export function field(page, label) {
  return page.getByLabel(new RegExp(`^\\s*${escapeRegExp(label)}`));
}

/**
 * Turns off the browser's own checks (type="email", required, minlength) on the form of `control`,
 * as an older browser or a script would: the server must validate and explain errors itself.
 */
export async function withoutBrowserValidation(control) {
  await control.evaluate((el) => {
    if (el.form) el.form.noValidate = true;
  });
}
