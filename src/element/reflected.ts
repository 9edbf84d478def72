// Attributes reflected as camelCase properties, as lit's reactive properties with `reflect: true` do, in the
// few lines this element needs. The attribute is the one place the value lives: reading the property converts
// it, writing the property sets (or removes) it, so the two can never disagree. lit's ReactiveElement
// (2.6 KB of the one-file bundle, gzip) did the same and much this element never used; it no longer fit.

/** How an attribute's text becomes the property's value. */
export type Conversion = typeof String | typeof Number | typeof Boolean;

/** `refreshThreshold` → `refresh-threshold`. */
export const attributeName = (property: string) => property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * Defines on `prototype` one property per entry of `properties`, reflected to its attribute, and returns the
 * attribute names (the element's `observedAttributes`). Reading gives the attribute converted (`null` when
 * absent; a Boolean is its presence); writing null, undefined or false removes it, true sets it empty.
 */
export function reflect(prototype: object, properties: Record<string, Conversion>): string[] {
  return Object.entries(properties).map(([property, convert]) => {
    const name = attributeName(property);
    Object.defineProperty(prototype, property, {
      get(this: Element) {
        const value = this.getAttribute(name);
        return convert === Boolean ? value !== null : value === null ? null : convert(value);
      },
      set(this: Element, value: unknown) {
        if (value == null || value === false) this.removeAttribute(name);
        else this.setAttribute(name, value === true ? '' : String(value));
      },
      enumerable: true,
      configurable: true,
    });
    return name;
  });
}

/**
 * Properties set on the element before its class was defined (a framework rendered it before the script
 * ran) are own properties that hide the accessors: each is removed and set again through its accessor.
 */
export function upgradeProperties(element: object, properties: string[]): void {
  for (const property of properties) {
    if (!Object.hasOwn(element, property)) continue;
    const value = (element as Record<string, unknown>)[property];
    delete (element as Record<string, unknown>)[property];
    (element as Record<string, unknown>)[property] = value;
  }
}
