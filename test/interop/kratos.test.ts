import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenError } from '../../src/core/errors.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { firstEvent } from '../helpers/events.js';

// Ory Kratos's `GET /sessions/whoami?tokenize_as=<template>` puts the JWT in `tokenized`, and answers 403
// session_aal2_required when the session needs a second factor. The token server plays those answers.
describe('Kratos-shaped whoami', () => {
  it('adopts `tokenized` with default options, and takes 403 session_aal2_required as refused, still serving the token', async () => {
    const endpoint = createEndpoint();
    const aal2Required = { error: { code: 403, status: 'Forbidden', id: 'session_aal2_required', reason: 'Please complete the second authentication challenge.' } };
    await endpoint.script([{ field: 'tokenized' }, { status: 403, body: JSON.stringify(aal2Required) }]);
    const signedOut: Event[] = [];
    const record = (event: Event) => signedOut.push(event);
    document.addEventListener('signedout', record);
    try {
      const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}?tokenize_as=jwt_example" method="GET"></session-token>`);
      const { detail } = await firstEvent(el, 'tokenupdate');
      const refused = (await el.refresh().catch((e: SessionTokenError) => e)) as SessionTokenError;
      expect([refused.code, refused.status]).to.deep.equal(['refused', 403]);
      expect(el.getAttribute('status')).to.equal('signed-in');
      expect(await el.getToken()).to.equal(detail.token);
      expect(signedOut).to.have.length(0);
      const { log } = await endpoint.stats();
      expect(log.map((entry) => `${entry.method} ${entry.status}`)).to.deep.equal(['GET 200', 'GET 403']);
    } finally {
      document.removeEventListener('signedout', record);
    }
  });
});
