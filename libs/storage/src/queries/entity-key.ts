/** Entities are stored by node id (`user:alice@contoso.com`); an id already carrying its kind is kept. */
export function entityKey(e: { readonly kind: string; readonly id: string }): string {
  return e.id.startsWith(`${e.kind}:`) ? e.id : `${e.kind}:${e.id}`;
}
