// Checks for the arguments of the public functions. A bad argument is a programming or
// configuration error, so it is a TypeError that names the field and says what it must be.
import { isContentType, type ContentType } from './model';
import { parseUtcMs } from './creation-time';

export function requireNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${field} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function requireContentType(value: unknown, field: string): ContentType {
  if (!isContentType(value)) {
    throw new TypeError(`${field} must be one of the content types of the API (e.g. 'Audit.Exchange'), got ${describe(value)}`);
  }
  return value;
}

/** A finite number >= 0 (durations, counts). */
export function requireNonNegative(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${field} must be a finite number >= 0, got ${describe(value)}`);
  }
  return value;
}

/** A finite number > 0. */
export function requirePositive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${field} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/** A valid Date; returns its epoch milliseconds. */
export function requireDate(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${field} must be a valid Date, got ${describe(value)}`);
  }
  return value.getTime();
}

/** An ISO 8601 timestamp (UTC when it carries no zone); returns its epoch milliseconds. */
export function requireTimestamp(value: unknown, field: string): number {
  const ms = parseUtcMs(value);
  if (ms === null) {
    throw new TypeError(`${field} must be an ISO 8601 timestamp such as '2026-11-25T09:00:00.000Z', got ${describe(value)}`);
  }
  return ms;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
