// The reverse of loadConfig: app settings (env var name -> string) from config values, for infra
// and the local host. Secrets are left out unless asked for: in Azure they belong in Key Vault
// references or, better, are not needed at all (managed identity).
import type { AuditflowConfig } from './auditflow-config';
import { SETTINGS } from './settings';

export interface SettingsToEnvOptions {
  /** Include clientSecret / cosmosKey when set (default false). */
  readonly includeSecrets?: boolean;
}

export function settingsToEnv(config: Partial<AuditflowConfig>, options: SettingsToEnvOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const setting of SETTINGS) {
    const value = config[setting.key];
    if (value === undefined || value === null) continue;
    if (setting.secret && !options.includeSecrets) continue;
    env[setting.name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}
