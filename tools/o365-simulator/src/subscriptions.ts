// Subscription state per content type, with the service's 15-minute guard on starts: a start of a
// content type within `guardMs` of its previous accepted start answers HTTP 403 with code "429"
// and the real remaining time in the message (o365-api.md, "Start").
import type { ContentType } from '@auditflow/ingestion';
import { ApiError, apiErrors } from './api-error';

export interface Webhook {
  readonly status: 'enabled';
  readonly address: string;
  readonly authId: string | null;
  readonly expiration: string | null;
}

export interface Subscription {
  readonly contentType: ContentType;
  readonly status: 'enabled' | 'disabled';
  readonly webhook: Webhook | null;
}

export function formatRemaining(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}m ${total % 60}s`;
}

export interface StartGuard {
  readonly guardMs: number;
  /** 'tenant-wide': one guard for every content type (some tenants behave so: issue 8 item 5). */
  readonly tenantWide?: boolean;
  /** The wait named in the refusal; default the real remaining time. */
  readonly hintMs?: number;
}

const TENANT = 'tenant';

export class Subscriptions {
  private readonly state = new Map<ContentType, Subscription>();
  private readonly lastStartMs = new Map<ContentType | typeof TENANT, number>();
  private readonly guard: StartGuard;

  constructor(
    guard: number | StartGuard,
    private readonly now: () => number,
  ) {
    this.guard = typeof guard === 'number' ? { guardMs: guard } : guard;
  }

  start(contentType: ContentType, webhook: Webhook | null): Subscription {
    const current = this.state.get(contentType);
    if (current?.status === 'enabled') throw apiErrors.alreadyEnabled();
    const now = this.now();
    const key = this.guard.tenantWide ? TENANT : contentType;
    const last = this.lastStartMs.get(key);
    if (last !== undefined && now - last < this.guard.guardMs) {
      const remaining = formatRemaining(this.guard.hintMs ?? this.guard.guardMs - (now - last));
      throw new ApiError(403, '429', `Too many frequent subscription start requests. Please retry again after ${remaining}.`);
    }
    this.lastStartMs.set(key, now);
    const subscription: Subscription = { contentType, status: 'enabled', webhook };
    this.state.set(contentType, subscription);
    return subscription;
  }

  stop(contentType: ContentType): void {
    const current = this.state.get(contentType);
    if (current?.status !== 'enabled') throw apiErrors.noSubscription();
    this.state.set(contentType, { contentType, status: 'disabled', webhook: current.webhook });
  }

  list(): Subscription[] {
    return [...this.state.values()];
  }

  /** The enabled subscription, or AF20022. */
  require(contentType: ContentType): Subscription {
    const current = this.state.get(contentType);
    if (current?.status !== 'enabled') throw apiErrors.noSubscription();
    return current;
  }
}
