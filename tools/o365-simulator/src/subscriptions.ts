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

export class Subscriptions {
  private readonly state = new Map<ContentType, Subscription>();
  private readonly lastStartMs = new Map<ContentType, number>();

  constructor(
    private readonly guardMs: number,
    private readonly now: () => number,
  ) {}

  start(contentType: ContentType, webhook: Webhook | null): Subscription {
    const current = this.state.get(contentType);
    if (current?.status === 'enabled') throw apiErrors.alreadyEnabled();
    const now = this.now();
    const last = this.lastStartMs.get(contentType);
    if (last !== undefined && now - last < this.guardMs) {
      const remaining = formatRemaining(this.guardMs - (now - last));
      throw new ApiError(403, '429', `Too many frequent subscription start requests. Please retry again after ${remaining}.`);
    }
    this.lastStartMs.set(contentType, now);
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
