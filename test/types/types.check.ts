// Type-level tests, checked by `tsc -p .` (part of `npm test`) and never run: what a TypeScript user
// gets from `HTMLElementTagNameMap` and `HTMLElementEventMap` (augmented in src/define.ts) without a
// single cast. Each `@ts-expect-error` line is a misuse that must keep failing to compile.
import type { SessionTokenError } from '../../src/core/errors.js';
import type { Status } from '../../src/core/events.js';
import type { TokenClaims } from '../../src/core/token.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import type {} from '../../src/define.js';

/** True only when A and B are the same type (`any` is equal to nothing but `any`). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T): void => {};

export function tagNameMap(): void {
  const found = document.querySelector('session-token')!;
  assertType<Equal<typeof found, SessionTokenElement>>();
  assertType<Equal<ReturnType<typeof found.getToken>, Promise<string | null>>>();
  assertType<Equal<ReturnType<typeof found.refresh>, Promise<string | null>>>();
  assertType<Equal<typeof found.token, string | null>>();
  assertType<Equal<typeof found.claims, TokenClaims | null>>();
  assertType<Equal<typeof found.expiresAt, number | null>>();
  assertType<Equal<typeof found.status, Status>>();
  const created = document.createElement('session-token');
  assertType<Equal<typeof created, SessionTokenElement>>();
  void found.getToken({ skipCache: true });
}

export async function misuses(el: SessionTokenElement): Promise<void> {
  // @ts-expect-error getToken() resolves null when signed out
  const token: string = await el.getToken();
  // @ts-expect-error skipCache is a boolean
  void el.getToken({ skipCache: 'yes' });
  // @ts-expect-error token is read-only
  el.token = 'forged';
  // @ts-expect-error status is read-only
  el.status = 'signed-in';
  // @ts-expect-error not a status
  if (el.status === 'ready') void token;
}

export function tokenupdate(): void {
  document.addEventListener('tokenupdate', (event) => {
    const token: string = event.detail.token;
    assertType<Equal<typeof event.detail.token, string>>();
    assertType<Equal<typeof event.detail.claims, TokenClaims>>();
    assertType<Equal<typeof event.detail.expiresAt, number>>();
    assertType<Equal<typeof event.detail.source, 'fetch' | 'broadcast' | 'initial' | 'cookie'>>();
    // @ts-expect-error the token is a string
    const wrong: number = event.detail.token;
    // @ts-expect-error no such field
    void event.detail.jwt;
    void token, wrong;
  });
  // The element's own listeners are typed the same way.
  document.querySelector('session-token')!.addEventListener('tokenupdate', (event) => {
    assertType<Equal<typeof event.detail.token, string>>();
  });
}

export function tokenerror(): void {
  document.addEventListener('tokenerror', (event) => {
    const { error, willRetry } = event.detail;
    assertType<Equal<typeof error, SessionTokenError>>();
    assertType<Equal<typeof willRetry, boolean>>();
    assertType<Equal<typeof error.status, number | undefined>>();
    switch (error.code) {
      case 'network':
      case 'offline':
      case 'server':
      case 'unauthorized':
      case 'refused':
      case 'invalid-token':
      case 'invalid-config':
      case 'timeout':
      case 'aborted':
        assertType<Equal<typeof error.code, 'network' | 'offline' | 'server' | 'unauthorized' | 'refused' | 'invalid-token' | 'invalid-config' | 'timeout' | 'aborted'>>();
        break;
      // @ts-expect-error not an error code
      case 'expired':
        break;
      default: {
        // Exhaustive: every code is handled above, so nothing is left here.
        const unhandled: never = error.code;
        void unhandled;
      }
    }
    if (error.code === 'server') assertType<Equal<typeof error.code, 'server'>>();
  });
}

export function signedoutAndStatuschange(): void {
  document.addEventListener('signedout', (event) => {
    assertType<Equal<typeof event.detail.reason, 'unauthorized' | 'broadcast'>>();
    // @ts-expect-error not a sign-out reason
    if (event.detail.reason === 'expired') return;
  });
  document.addEventListener('statuschange', (event) => {
    assertType<Equal<typeof event.detail.status, Status>>();
  });
  // Other events keep their own types.
  document.addEventListener('keydown', (event) => {
    assertType<Equal<typeof event, KeyboardEvent>>();
  });
  window.addEventListener('signedout', (event) => {
    assertType<Equal<typeof event.detail.reason, 'unauthorized' | 'broadcast'>>();
  });
}
