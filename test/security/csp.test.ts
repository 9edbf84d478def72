import { expect } from '@open-wc/testing';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// A page served by the token-server plugin with
//   Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'
// (no 'unsafe-inline', no 'unsafe-eval'), loading the IIFE as a user's page would. Its first script
// (/__csp/probe.js) records every `securitypolicyviolation` into window.cspViolations.

interface Violation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  sample: string;
}
type CspWindow = Window & { cspViolations?: Violation[]; inlineScriptRan?: boolean };

const frames: HTMLIFrameElement[] = [];

async function openCspPage(query: string): Promise<{ win: CspWindow; el: SessionTokenElement }> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/__csp/page.html?${query}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as CspWindow;
  expect(win.cspViolations, 'the probe script ran').to.be.an('array');
  return { win, el: win.document.querySelector('session-token')! };
}

/** Violations are reported in a task after the fact: give late ones time to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('strict Content-Security-Policy', () => {
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('serves the page with the strict policy', async () => {
    const response = await fetch(`/__csp/page.html?endpoint=${createEndpoint().name}`);
    expect(response.headers.get('content-security-policy')).to.equal(
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'",
    );
  });

  it('reports what it blocks, so a silent page really means no violation', async () => {
    const { win } = await openCspPage(`endpoint=${createEndpoint().name}&control`);
    await eventually(() => win.cspViolations!.length >= 2, 'two violations');
    expect(win.inlineScriptRan).to.equal(undefined);
    expect(win.cspViolations!.map((v) => v.directive).sort()).to.deep.equal(['script-src-elem', 'style-src-attr']);
  });

  for (const [bundle, file] of [['default', 'session-token.js'], ['verify', 'session-token.verify.js']] as const) {
    it(`runs dist/${file} and <session-token> to signed-in with no violation`, async () => {
      const endpoint = createEndpoint();
      const { win, el } = await openCspPage(`endpoint=${endpoint.name}${bundle === 'verify' ? '&bundle=verify' : ''}`);
      await eventually(() => el.status === 'signed-in', 'status signed-in');
      expect(el.token).to.be.a('string');
      expect(await el.getToken()).to.equal(el.token);
      expect(await el.refresh()).to.be.a('string');
      // The element's own styles (adopted stylesheets) apply under style-src 'self'.
      expect(win.getComputedStyle(el).display).to.equal('contents');
      expect(el.querySelector('[slot="signed-in"]')!.assignedSlot).to.not.equal(null);
      await settle();
      expect(win.cspViolations).to.deep.equal([]);
      expect((await endpoint.stats()).requests).to.equal(2);
    });
  }
});
