// Where a component's resources go and how they are named: the stack's resource group, its
// region, and the prefix of every resource name. Every component takes it (program.ts `where`).
import type * as pulumi from '@pulumi/pulumi';

export interface Placement {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** 3-12 lower-case letters/digits (stack config `namePrefix`). */
  readonly namePrefix: string;
}

/** The two properties every Azure resource of a component repeats. */
export function placedIn(p: Placement): { resourceGroupName: pulumi.Input<string>; location: string } {
  return { resourceGroupName: p.resourceGroupName, location: p.location };
}
