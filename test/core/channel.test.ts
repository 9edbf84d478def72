import { expect } from '@open-wc/testing';
import { parseMessage } from '../../src/core/channel.js';

const endpoint = 'https://example.test/api/token';

describe('channel messages', () => {
  it('accepts well-formed messages of this version for this endpoint', () => {
    expect(parseMessage({ v: 1, type: 'token', endpoint, jws: 'a.b.c', ageMs: 5 }, endpoint)).to.deep.equal({
      v: 1, type: 'token', endpoint, jws: 'a.b.c', ageMs: 5,
    });
    expect(parseMessage({ v: 1, type: 'signout', endpoint }, endpoint)?.type).to.equal('signout');
    expect(parseMessage({ v: 1, type: 'signout', endpoint, ageMs: 0 }, endpoint)?.type).to.equal('signout');
    expect(parseMessage({ v: 1, type: 'ask', endpoint }, endpoint)).to.deep.equal({ v: 1, type: 'ask', endpoint });
  });

  it('ignores other shapes, versions and endpoints', () => {
    for (const data of [
      null, 'token', 42, [], {},
      { v: 2, type: 'token', endpoint, jws: 'a.b.c', ageMs: 0 },
      { v: 1, type: 'token', endpoint: 'https://other.test/token', jws: 'a.b.c', ageMs: 0 },
      { v: 1, type: 'token', endpoint, jws: 42, ageMs: 0 },
      { v: 1, type: 'token', endpoint, jws: 'a.b.c', ageMs: -1 },
      { v: 1, type: 'token', endpoint, jws: 'a.b.c' },
      { v: 1, type: 'hello', endpoint },
      { v: 1, type: 'signout', endpoint, ageMs: -1 },
    ]) {
      expect(parseMessage(data, endpoint), JSON.stringify(data)).to.equal(null);
    }
  });
});
