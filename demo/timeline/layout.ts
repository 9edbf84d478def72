// Pure helpers for the timeline: time → x, axis ticks, a token's zones, short labels. No DOM.
import type { ServerAction, TokenBar } from './history.js';

export const Zone = { fresh: 'fresh', stale: 'stale', expired: 'expired' } as const;
export type Zone = (typeof Zone)[keyof typeof Zone];

export interface Scale {
  from: number;
  to: number;
  x0: number;
  x1: number;
  x(time: number): number;
}

/** The visible window: most of it is the past, the last sixth shows what the current token has ahead. */
export function windowAt(now: number, windowMs: number): { from: number; to: number } {
  const future = windowMs / 6;
  return { from: now - windowMs + future, to: now + future };
}

export function createScale(from: number, to: number, x0: number, x1: number): Scale {
  const perMs = (x1 - x0) / (to - from);
  return { from, to, x0, x1, x: (time) => x0 + (time - from) * perMs };
}

/** [x, width] of a time span clipped to the plot, or null when it is out of view. */
export function spanX(scale: Scale, start: number, end: number, minWidth = 0): [number, number] | null {
  if (end < scale.from || start > scale.to) return null;
  const left = Math.max(scale.x0, scale.x(start));
  const right = Math.min(scale.x1, scale.x(end));
  const width = Math.max(minWidth, right - left);
  return [Math.min(left, scale.x1 - width), width];
}

/** Axis step for a window: about six labelled ticks. */
export function tickStep(windowMs: number): number {
  const steps = [5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000];
  return steps.find((step) => windowMs / step <= 7) ?? 600_000;
}

export function ticks(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

/**
 * A token's life on the local clock, from its adoption in this tab: fresh, then stale (served at once,
 * refreshed in the background), then expired for the engine (no longer handed out) until `exp`.
 */
export function tokenZones(bar: TokenBar): { zone: Zone; start: number; end: number }[] {
  const freshUntil = Math.max(bar.adoptedAt, bar.freshUntil);
  const usableUntil = Math.max(bar.adoptedAt, bar.usableUntil);
  return [
    { zone: Zone.fresh, start: bar.adoptedAt, end: freshUntil },
    { zone: Zone.stale, start: freshUntil, end: usableUntil },
    { zone: Zone.expired, start: usableUntil, end: bar.expiresAt },
  ].filter((part) => part.end > part.start);
}

export function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** A short label for a server action, as drawn above the lanes. */
export function actionLabel(action: ServerAction): string {
  if (action.kind !== 'settings') return action.kind === 'sign-in' ? 'sign in' : 'sign out';
  const patch = action.patch ?? {};
  const keys = Object.keys(patch);
  if (keys.length >= 4) return 'knobs reset';
  return keys
    .map((key) => {
      const value = patch[key as keyof typeof patch];
      switch (key) {
        case 'failNext': return value ? `next ${value} fail` : 'no failures';
        case 'delayMs': return value ? `slow ${Number(value) / 1000} s` : 'fast';
        case 'offline': return value ? 'drop on' : 'drop off';
        case 'lifetime': return `${value} s tokens`;
        case 'iatOffset': return value ? `iat ${offset(Number(value))}` : 'iat ok';
        default: return `${key}=${String(value)}`;
      }
    })
    .join(', ');
}

function offset(secondsOff: number): string {
  const abs = Math.abs(secondsOff);
  const size = abs % 3600 === 0 ? `${abs / 3600} h` : `${Math.round(abs / 60)} min`;
  return `${secondsOff > 0 ? '+' : '−'}${size}`;
}
