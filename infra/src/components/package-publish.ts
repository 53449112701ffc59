// Publishing the Functions package with the deployer's Entra login, as `@pulumi/command` steps
// that run `az` on the deployer's machine (infra/scripts/*.sh). Why commands and not a dynamic
// provider on @azure/storage-blob (infra/README, "How the package is published"): Flex needs
// OneDeploy, which `az` already speaks with an Entra token; `az` follows the cloud it is signed in
// to; and no provider code is serialized into the stack state.
// - y1: upload the zip as the blob the app runs from, BEFORE the app; after it, sync triggers.
// - flex: after the app (its deployment container and identity exist), publish with OneDeploy.
// Both end by waiting until the app lists its functions. The content hash in the blob name is the
// trigger: a new build runs the steps again, an unchanged one does not.
import * as pulumi from '@pulumi/pulumi';
import * as local from '@pulumi/command/local';
import type { FunctionPackage } from '../function-package';
import { publishScript } from '../publish-steps';
import type { PlanKind } from '../stack-config';

export interface PackageUploadArgs {
  readonly functionPackage: FunctionPackage;
  /** The account's blob endpoint as it reports it. */
  readonly blobEndpoint: pulumi.Input<string>;
  readonly containerName: pulumi.Input<string>;
  /** The deployer's upload role: the upload waits for it. */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** y1: the package blob, uploaded before the app exists. */
export function uploadPackage(name: string, args: PackageUploadArgs, opts: pulumi.CustomResourceOptions = {}): local.Command {
  return new local.Command(
    name,
    {
      create: publishScript('upload-package'),
      delete: publishScript('delete-package'),
      environment: {
        PACKAGE_DIR: args.functionPackage.dir,
        BLOB_ENDPOINT: args.blobEndpoint,
        CONTAINER: args.containerName,
        BLOB_NAME: args.functionPackage.blobName,
      },
      triggers: [args.functionPackage.blobName],
      logging: local.Logging.StdoutAndStderr,
    },
    { ...opts, dependsOn: args.dependsOn },
  );
}

export interface ActivateArgs {
  readonly planKind: PlanKind;
  readonly functionPackage: FunctionPackage;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly appName: pulumi.Input<string>;
  readonly appId: pulumi.Input<string>;
  /** The app (and for flex everything the publish writes with). */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** After the app exists: flex publishes with OneDeploy, y1 syncs triggers; both wait for the functions. */
export function activatePackage(name: string, args: ActivateArgs, opts: pulumi.CustomResourceOptions = {}): local.Command {
  const flex = args.planKind === 'flex';
  return new local.Command(
    name,
    {
      create: publishScript(flex ? 'flex-publish' : 'sync-triggers'),
      environment: {
        RESOURCE_GROUP: args.resourceGroupName,
        APP_NAME: args.appName,
        APP_ID: args.appId,
        ...(flex ? { PACKAGE_DIR: args.functionPackage.dir } : {}),
      },
      // A new build, or a replaced app, runs it again.
      triggers: [args.functionPackage.blobName, args.appId],
      logging: local.Logging.StdoutAndStderr,
    },
    { ...opts, dependsOn: args.dependsOn },
  );
}
