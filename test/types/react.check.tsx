// Type-level tests for <session-token> in React JSX (src/react.ts), checked by `tsc -p .`, never run.
import type { TokenUpdateEvent } from '../../src/core/events.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import type {} from '../../src/react.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T): void => {};

export const ok = (
  <session-token
    endpoint="/api/token"
    refresh-threshold="20"
    ref={(el) => {
      assertType<Equal<typeof el, SessionTokenElement | null>>();
    }}
    ontokenupdate={(e) => {
      assertType<Equal<typeof e, TokenUpdateEvent>>();
      const sub: string | undefined = e.detail.claims.sub;
      void sub;
    }}
    onsignedout={(e) => void e.detail.reason}
  >
    <span slot="signed-in">Hi</span>
  </session-token>
);

// @ts-expect-error endpoint is a string
export const badEndpoint = <session-token endpoint={5} />;
// @ts-expect-error no such detail field
export const badDetail = <session-token ontokenupdate={(e) => e.detail.jwt} />;
// @ts-expect-error not a known tag
export const unknownTag = <session-tokn />;
// Properties React 19 sets as properties, with their types.
export const props = <session-token endpoint="/t" refreshThreshold={20} crossOrigin headers={() => ({ 'X-A': 'b' })} />;
// @ts-expect-error React 19 takes the event name verbatim: onTokenUpdate would listen to "TokenUpdate"
export const camel = <session-token onTokenUpdate={() => {}} />;
