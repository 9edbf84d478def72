// Type-level tests for <session-token> in Vue templates (src/vue.ts), checked by `tsc -p .`, never run.
// Plain tsc cannot read templates (that takes vue-tsc, which needs the TypeScript 5 JS API), so this
// checks what vue-tsc reads: the GlobalComponents entry's `$props` and `$emit`.
import type { GlobalComponents } from 'vue';
import type { SignedOutEvent, TokenUpdateEvent } from '../../src/core/events.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import type {} from '../../src/vue.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T): void => {};

type Instance = InstanceType<GlobalComponents['session-token']>;

export function vueTemplateTypes(el: Instance): void {
  assertType<Equal<Instance['$props']['endpoint'], string | null | undefined>>();
  assertType<Equal<Instance['$props']['refreshThreshold'], number | string | null | undefined>>();
  assertType<Equal<Instance['$props']['headers'], SessionTokenElement['headers']>>();
  // A template ref is the element itself.
  const element: SessionTokenElement = el;
  el.$emit('tokenupdate', {} as TokenUpdateEvent);
  el.$emit('signedout', {} as SignedOutEvent);
  // @ts-expect-error tokenupdate carries a TokenUpdateEvent
  el.$emit('tokenupdate', {} as SignedOutEvent);
  // @ts-expect-error no such event
  el.$emit('tokenupdated', {} as TokenUpdateEvent);
  void element;
}
