// Types for <session-token> in Vue templates (checked by vue-tsc and the Vue - Official editor
// extension), the way https://vuejs.org/guide/extras/web-components#non-vue-web-components-and-typescript
// describes. Type-only: a TypeScript user adds `import type {} from 'session-token/vue'` once.
// At run time Vue still needs compilerOptions.isCustomElement = (tag) => tag === 'session-token'
// when templates are compiled ahead of time (Vite, vue-loader).
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { SessionEventMap } from './core/events.js';
import type { SessionAttributes } from './element/attributes.js';
import type { SessionTokenElement } from './element/session-token.js';

/** The shape Vue reads events from: `@tokenupdate="(e) => ..."` gets a TokenUpdateEvent. */
type VueEmit<T> = EmitFn<{ [K in keyof T]: (event: T[K]) => void }>;

// vue-tsc checks `refresh-threshold="20"` as the camelCase prop `refreshThreshold`; at run time Vue
// sets a name the element has as a property and anything else as an attribute. SessionAttributes
// types each one as the property's type or the attribute's string.
export type SessionTokenVueComponent = new () => SessionTokenElement & {
  /** @deprecated Template type checking only: does not exist on the element. */
  $props: HTMLAttributes & SessionAttributes & Pick<SessionTokenElement, 'headers'> & PublicProps;
  /** @deprecated Template type checking only: does not exist on the element. */
  $emit: VueEmit<SessionEventMap>;
};

declare module 'vue' {
  interface GlobalComponents {
    'session-token': SessionTokenVueComponent;
  }
}
