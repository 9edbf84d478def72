import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { firstEvent } from '../helpers/events.js';

// The token lives in memory only (and in the cookie the page asks for with cookie-name). Anything
// persisted would outlive the session and be readable by any script of the origin later on.

interface StorageSnapshot {
  localStorage: Array<[string, string | null]>;
  sessionStorage: Array<[string, string | null]>;
  indexedDB: Array<string | undefined>;
  cacheStorage: string[];
}

const entries = (storage: Storage) =>
  Array.from({ length: storage.length }, (_, i) => storage.key(i)!).sort().map((key) => [key, storage.getItem(key)] as [string, string | null]);

async function snapshot(): Promise<StorageSnapshot> {
  return {
    localStorage: entries(localStorage),
    sessionStorage: entries(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name).sort(),
    cacheStorage: (await caches.keys()).sort(),
  };
}

describe('no storage', () => {
  it('leaves localStorage, sessionStorage, IndexedDB and Cache Storage empty through sign-in, refresh and sign-out', async () => {
    // Storage is per origin, shared with every test file: nothing in the suite may write any.
    const empty: StorageSnapshot = { localStorage: [], sessionStorage: [], indexedDB: [], cacheStorage: [] };
    expect(await snapshot(), 'before').to.deep.equal(empty);

    const endpoint = createEndpoint();
    await endpoint.script([{}, {}, { status: 401 }]);
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}"></session-token>`);
    const signedIn = await firstEvent(el, 'tokenupdate');
    expect(signedIn.detail.token).to.be.a('string');
    expect(await snapshot(), 'after sign-in').to.deep.equal(empty);

    const refreshed = await el.refresh();
    expect(refreshed).to.be.a('string').and.not.equal(signedIn.detail.token);
    expect(await snapshot(), 'after a refresh').to.deep.equal(empty);

    const signedOut = oneEvent(el, 'signedout');
    expect(await el.refresh()).to.equal(null);
    await signedOut;
    expect(el.status).to.equal('signed-out');
    expect(await snapshot(), 'after sign-out').to.deep.equal(empty);
    el.remove();
  });
});
