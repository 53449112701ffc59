// Entity references for findings, built the same way as graph node ids.
import { nodeId } from '../entity-id';
import type { EntityKind, EntityRef } from '../model';

export function ref(kind: EntityKind, key: string): EntityRef {
  return { kind, id: nodeId(kind, key) };
}

/** The acting user of a document as an entity, when the record names one. */
export function actorRefs(userId: string | null, ip: string | null): EntityRef[] {
  const out: EntityRef[] = [];
  if (userId) out.push(ref('user', userId));
  if (ip) out.push(ref('ip', ip));
  return out;
}
