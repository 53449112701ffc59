// Pulumi program entry: reads the stack config ONCE (namespace `auditflow:`, and the providers'
// environment), validates it with every problem reported together, builds the stack and exports
// its outputs (never a secret).
import * as pulumi from '@pulumi/pulumi';
import { createAuditflowStack } from './program';
import { STACK_CONFIG_KEYS, validateStackConfig, type RawStackConfig } from './stack-config';

const settings = new pulumi.Config('auditflow');
const raw: RawStackConfig = Object.fromEntries(STACK_CONFIG_KEYS.map((key) => [key, settings.get(key)]));
const setKeys = Object.keys(pulumi.runtime.allConfig())
  .filter((key) => key.startsWith('auditflow:'))
  .map((key) => key.slice('auditflow:'.length));
const providerEnvironments = {
  azureNative: new pulumi.Config('azure-native').get('environment'),
  azuread: new pulumi.Config('azuread').get('environment'),
};
const outputs = createAuditflowStack(validateStackConfig(raw, { setKeys, providerEnvironments }));

export const resourceGroupName = outputs.resourceGroupName;
export const functionAppName = outputs.functionAppName;
export const functionBaseUrl = outputs.functionBaseUrl;
export const consoleUrl = outputs.consoleUrl;
export const statusUrl = outputs.statusUrl;
export const rerunUrl = outputs.rerunUrl;
export const orchestrationStatusUrl = outputs.orchestrationStatusUrl;
export const functionKeyCommand = outputs.functionKeyCommand;
export const dashboardUrl = outputs.dashboardUrl;
export const cosmosEndpoint = outputs.cosmosEndpoint;
export const cosmosDatabase = outputs.cosmosDatabase;
export const identityClientId = outputs.identityClientId;
export const o365PrincipalId = outputs.o365PrincipalId;
export const o365AppRoles = outputs.o365AppRoles;
export const consoleSignInClientId = outputs.consoleSignInClientId;
export const o365ClientId = outputs.o365ClientId;
export const adminConsentUrl = outputs.adminConsentUrl;
