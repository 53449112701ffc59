// The entity graph as the investigation API returns it (C6 shapes of @auditflow/investigation,
// repeated as types only: the console bundle takes no server code).
export interface GraphNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly flags?: { readonly guest?: boolean; readonly external?: boolean; readonly watched?: boolean };
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  readonly operation?: string;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly evidence: { readonly ids: readonly string[]; readonly total: number };
}

export interface EntityGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated: { readonly nodes: number; readonly edges: number; readonly reason?: string };
}

export interface Finding {
  readonly id: string;
  readonly indicator: string;
  readonly title: string;
  readonly severity: 'low' | 'medium' | 'high';
  readonly entities: readonly { readonly kind: string; readonly id: string }[];
  readonly start: string;
  readonly end: string;
  readonly evidenceIds: readonly string[];
  readonly evidenceTotal: number;
  readonly source: string;
  readonly details?: unknown;
}
