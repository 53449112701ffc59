// createCredential against a tiny HTTPS token authority with a self-signed certificate: the CA
// policy makes @azure/identity (MSAL) trust it for the authority only; a wrong CA fails.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../src/index';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = '99999999-8888-4777-8666-555555555555';
const SCOPE = 'http://127.0.0.1:7070/.default';

interface Pems {
  cert: string;
  private: string;
}

async function certificate(): Promise<Pems> {
  return generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
}

let server: Server;
let authorityHost: string;
let pems: Pems;
let otherCa: string;
let tempDir: string;
const seen: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  [pems, { cert: otherCa }] = await Promise.all([certificate(), certificate()]);
  tempDir = mkdtempSync(join(tmpdir(), 'activity-api-cred-'));
  server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const base = `${authorityHost}/${TENANT}`;
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith(`/${TENANT}/v2.0/.well-known/openid-configuration`)) {
        res.end(
          JSON.stringify({
            issuer: `${base}/v2.0`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            token_endpoint: `${base}/oauth2/v2.0/token`,
            jwks_uri: `${base}/discovery/v2.0/keys`,
            end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          }),
        );
      } else if (req.url?.startsWith(`/${TENANT}/oauth2/v2.0/token`) && req.method === 'POST') {
        res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'simulated-access-token' }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authorityHost = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tempDir, { recursive: true, force: true });
});

describe('createCredential', () => {
  it('client-secret: gets a token from a custom https authority whose CA is trusted through the policy', async () => {
    seen.length = 0;
    const credential = createCredential({ authMode: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret', authorityHost, authorityCaPem: pems.cert });
    expect(credential).toBeInstanceOf(ClientSecretCredential);
    const token = await credential.getToken(SCOPE);
    expect(token?.token).toBe('simulated-access-token');
    expect(seen.map((r) => r.url.split('?')[0])).toEqual([`/${TENANT}/v2.0/.well-known/openid-configuration`, `/${TENANT}/oauth2/v2.0/token`]);
    const form = new URLSearchParams(seen[1]!.body);
    expect([form.get('grant_type'), form.get('client_id'), form.get('scope')]).toEqual(['client_credentials', CLIENT, SCOPE]);
  });

  it('client-secret: a wrong CA fails (the self-signed authority is not trusted)', async () => {
    const credential = createCredential({ authMode: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret', authorityHost, authorityCaPem: otherCa });
    seen.length = 0;
    // MSAL reports the failed TLS handshake as "endpoints_resolution_error": no request got through.
    await expect(credential.getToken(SCOPE)).rejects.toThrow(/endpoints_resolution_error|certificate/i);
    expect(seen).toEqual([]);
  });

  it('client-secret: without a CA the process-wide trust store is used, so it fails too', async () => {
    const credential = createCredential({ authMode: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret', authorityHost });
    seen.length = 0;
    // MSAL reports the failed TLS handshake as "endpoints_resolution_error": no request got through.
    await expect(credential.getToken(SCOPE)).rejects.toThrow(/endpoints_resolution_error|certificate/i);
    expect(seen).toEqual([]);
  });

  it('client-certificate: signs an assertion with the PEM file and gets a token (CA read from a path)', async () => {
    seen.length = 0;
    const client = await certificate();
    const certPath = join(tempDir, 'app.pem');
    const caPath = join(tempDir, 'authority-ca.pem');
    writeFileSync(certPath, `${client.private}\n${client.cert}`);
    writeFileSync(caPath, pems.cert);
    const credential = createCredential({ authMode: 'client-certificate', tenantId: TENANT, clientId: CLIENT, clientCertificatePath: certPath, authorityHost, authorityCaPath: caPath });
    expect(credential).toBeInstanceOf(ClientCertificateCredential);
    expect((await credential.getToken(SCOPE))?.token).toBe('simulated-access-token');
    const form = new URLSearchParams(seen.at(-1)!.body);
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_assertion')?.split('.')).toHaveLength(3);
  });

  it('managed-identity: system- or user-assigned', () => {
    expect(createCredential({ authMode: 'managed-identity', tenantId: TENANT })).toBeInstanceOf(ManagedIdentityCredential);
    expect(createCredential({ authMode: 'managed-identity', tenantId: TENANT, clientId: CLIENT })).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('federated-credential: a ClientAssertionCredential for the app registration (tested end to end in tools/o365-simulator)', () => {
    const credential = createCredential({ authMode: 'federated-credential', tenantId: TENANT, clientId: CLIENT, managedIdentityClientId: TENANT, authorityHost, authorityCaPem: pems.cert });
    expect(credential).toBeInstanceOf(ClientAssertionCredential);
    expect(() => createCredential({ authMode: 'federated-credential', tenantId: TENANT, clientId: CLIENT })).toThrow(/managedIdentityClientId/);
    expect(() => createCredential({ authMode: 'federated-credential', tenantId: TENANT, managedIdentityClientId: TENANT })).toThrow(/clientId/);
  });

  it('names the missing option', () => {
    expect(() => createCredential({ authMode: 'client-secret', tenantId: TENANT, clientId: CLIENT })).toThrow(/clientSecret/);
    expect(() => createCredential({ authMode: 'client-certificate', tenantId: TENANT, clientId: CLIENT })).toThrow(/clientCertificatePath/);
    expect(() => createCredential({ authMode: 'client-secret', tenantId: '', clientId: CLIENT, clientSecret: 'x' })).toThrow(/tenantId/);
    expect(() => createCredential({ authMode: 'password' as never, tenantId: TENANT })).toThrow(/authMode/);
    // One list of modes (libs/config): DefaultAzureCredential's guessing is not one of them.
    expect(() => createCredential({ authMode: 'default' as never, tenantId: TENANT })).toThrow(/managed-identity, federated-credential, client-certificate, client-secret/);
  });
});
