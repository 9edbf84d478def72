// Types for <session-token> in React 19 JSX ("jsx": "react-jsx"). Type-only: a TypeScript user adds
// `import type {} from 'session-token/react'` once, and the tag joins React's JSX.IntrinsicElements.
// React 19 sets a prop as a property when the element has one (`endpoint`, `refreshThreshold`,
// `headers`...), else as an attribute, and turns a function prop `on<name>` into
// addEventListener('<name>') with the name taken verbatim: `ontokenupdate`, never `onTokenUpdate`.
import type { HTMLAttributes, RefAttributes } from 'react';
import type { SessionEventMap } from './core/events.js';
import type { SessionAttributes } from './element/attributes.js';
import type { SessionTokenElement } from './element/session-token.js';

/** `ontokenupdate`, `ontokenerror`, `onsignedout`, `onstatuschange`, each with its event's type. */
export type SessionTokenReactEvents = {
  [K in keyof SessionEventMap as `on${K}`]?: (event: SessionEventMap[K]) => void;
};

export type SessionTokenReactProps = HTMLAttributes<SessionTokenElement> &
  RefAttributes<SessionTokenElement> &
  SessionAttributes &
  Pick<SessionTokenElement, 'headers'> &
  SessionTokenReactEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'session-token': SessionTokenReactProps;
    }
  }
}
