import { describe, expect, test } from 'vitest'
import type { MockState } from '../platform/engine-api'
import {
  chosenScopes,
  connectionDraft,
  connectionForm,
  defaultConnectionName,
  describeTokenExpiry,
  formatAgo,
  formatSpan,
  hostBelongsTo,
  hostOf,
  matchingDemoCredentials,
  missingFields,
  prefillValues,
  revokeFlowName,
  serviceFor,
  type ConnectionFormModel,
} from './connection-form'

const connector = (authentication: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      name: 'Acme HR',
      key: 'acmehr_R7Q2KD9MZX',
      baseUrl: 'https://hr.example/api/v1',
      ...(authentication === undefined ? {} : { authentication }),
      ...extra,
    },
    null,
    2,
  )

function model(text: string): ConnectionFormModel {
  const result = connectionForm(text)
  if (!result.ok) throw new Error(`expected a model, got: ${result.error}`)
  return result.model
}

function error(text: string | undefined): string {
  const result = connectionForm(text)
  if (result.ok) throw new Error('expected an error')
  return result.error
}

describe('connectionForm: auth types', () => {
  test('basic relabels Username and Password', () => {
    const m = model(
      connector({
        type: 'basic',
        label: 'Acme HR account',
        usernameLabel: 'API user',
        passwordLabel: 'API password',
      }),
    )
    expect(m.authType).toBe('basic')
    expect(m.authTypeLabel).toBe('Basic')
    expect(m.authLabel).toBe('Acme HR account')
    expect(m.connectorName).toBe('Acme HR')
    expect(m.connectorKey).toBe('acmehr_R7Q2KD9MZX')
    expect(m.usesPopup).toBe(false)
    expect(m.fields).toEqual([
      { key: 'username', label: 'API user', kind: 'text', required: true, source: 'credential' },
      {
        key: 'password',
        label: 'API password',
        kind: 'password',
        required: true,
        source: 'credential',
      },
    ])
    expect(m.scopes).toEqual([])
    expect(m.redirectUri).toBeUndefined()
    expect(defaultConnectionName(m)).toBe('Acme HR connection')
  })

  test('basic without labels uses Username and Password, and the type as the label', () => {
    const m = model(connector({ type: 'basic', usernameLabel: '  ' }))
    expect(m.fields.map((f) => f.label)).toEqual(['Username', 'Password'])
    expect(m.authLabel).toBe('Basic')
  })

  test('client credentials asks for Client ID and Client Secret', () => {
    const m = model(
      connector({
        type: 'oauth2ClientCredentials',
        clientAuthentication: 'client_secret_post',
        tokenUrl: 'https://files.example/oauth2/token',
        scopes: [{ scope: 'files.read' }, { scope: 'files.write', description: 'Write' }],
      }),
    )
    expect(m.authTypeLabel).toBe('OAuth 2.0 (client credentials)')
    expect(m.fields.map((f) => [f.key, f.label, f.kind])).toEqual([
      ['client_id', 'Client ID', 'text'],
      ['client_secret', 'Client Secret', 'password'],
    ])
    expect(m.tokenUrl).toBe('https://files.example/oauth2/token')
    expect(m.tokenHost).toBe('files.example')
    expect(m.clientAuthentication).toBe('client_secret_post')
    expect(m.usesPopup).toBe(false)
    expect(m.redirectUri).toBeUndefined()
    expect(m.scopes).toEqual([
      { scope: 'files.read', description: '', required: false, locked: true },
      { scope: 'files.write', description: 'Write', required: false, locked: true },
    ])
  })

  test('authorization code: no credential fields, the redirect URI, hosts and the popup', () => {
    const m = model(
      connector(
        {
          type: 'oauth2AuthorizationCode',
          label: 'Acme Files account',
          authorizeUrl: 'https://files.example/oauth2/authorize',
          tokenUrl: 'https://files.example/oauth2/token',
          clientId: 'nimbus-playground',
          clientSecret: 'secret',
          scopes: [{ scope: 'files.read', description: 'Read your files' }],
        },
        { key: 'acmefiles_Q4W8E2R6T1', baseUrl: 'https://files.example/api/v2' },
      ),
    )
    expect(m.authTypeLabel).toBe('OAuth 2.0 (authorization code)')
    expect(m.fields).toEqual([])
    expect(m.usesPopup).toBe(true)
    expect(m.redirectUri).toBe('https://oauth.playground.example/oauth/acmefiles_Q4W8E2R6T1/cb')
    expect(m.authorizeHost).toBe('files.example')
    expect(m.tokenHost).toBe('files.example')
    expect(m.clientId).toBe('nimbus-playground')
    expect(m.pkce).toBe(true)
    expect(m.notes).toEqual([])
  })

  test('authorization code says what is missing and honours pkce: false', () => {
    const m = model(connector({ type: 'oauth2AuthorizationCode', pkce: false }))
    expect(m.pkce).toBe(false)
    expect(m.notes.join(' ')).toMatch(/tokenUrl/)
    expect(m.notes.join(' ')).toMatch(/authorizeUrl/)
    expect(m.notes.join(' ')).toMatch(/clientId/)
  })

  test('custom shows only its parameters, in order, including a dropdown', () => {
    const m = model(
      connector({
        type: 'custom',
        label: 'Acme Tickets API key',
        parameters: [
          { key: 'subdomain', label: 'Subdomain', type: 'text' },
          { key: 'api_key', label: 'API key', type: 'password' },
          {
            key: 'region',
            label: 'Region',
            type: 'dropdown',
            values: [
              { label: 'United States', value: 'us' },
              { label: 'Europe', value: 'eu' },
            ],
          },
        ],
      }),
    )
    expect(m.authTypeLabel).toBe('Custom')
    expect(m.fields).toEqual([
      { key: 'subdomain', label: 'Subdomain', kind: 'text', required: true, source: 'parameter' },
      { key: 'api_key', label: 'API key', kind: 'password', required: true, source: 'parameter' },
      {
        key: 'region',
        label: 'Region',
        kind: 'dropdown',
        options: [
          { label: 'United States', value: 'us' },
          { label: 'Europe', value: 'eu' },
        ],
        required: true,
        source: 'parameter',
      },
    ])
  })

  test('parameters follow the credentials; bad ones are noted and left out', () => {
    const m = model(
      connector({
        type: 'basic',
        parameters: [
          { key: 'tenant', label: 'Tenant', type: 'text' },
          { label: 'No key', type: 'text' },
          { key: 'username', label: 'Again', type: 'text' },
          { key: 'plan', label: '', type: 'dropdown' },
        ],
      }),
    )
    expect(m.fields.map((f) => f.key)).toEqual(['username', 'password', 'tenant', 'plan'])
    expect(m.fields[3]).toMatchObject({ label: 'plan', kind: 'dropdown', options: [] })
    expect(m.notes).toHaveLength(3)
  })
})

describe('connectionForm: config values', () => {
  test('visible ones are shown; hidden ones are counted; helper flows are named', () => {
    const m = model(
      connector({
        type: 'custom',
        configValues: [
          { key: 'account_id', label: 'Account ID', type: 'text', value: '123456789012' },
          {
            key: 'external_id',
            label: 'External ID',
            type: 'text',
            flow: 'Generate External ID',
            visible: true,
          },
          { key: 'api_version', label: 'API version', type: 'text', value: '2024', visible: false },
          { key: 'signing', label: 'Signing key', type: 'password', value: 'hush' },
        ],
      }),
    )
    expect(m.hiddenConfigValues).toBe(1)
    expect(m.configValues).toEqual([
      {
        key: 'account_id',
        label: 'Account ID',
        value: '123456789012',
        definition: 'static',
        secret: false,
      },
      {
        key: 'external_id',
        label: 'External ID',
        value: 'Computed by the helper flow “Generate External ID” when the connection is created',
        definition: 'helper',
        flow: 'Generate External ID',
        secret: false,
      },
      {
        key: 'signing',
        label: 'Signing key',
        value: '••••••••',
        definition: 'static',
        secret: true,
      },
    ])
    expect(JSON.stringify(m)).not.toContain('hush')
    expect(m.fields).toEqual([])
  })
})

describe('connectionForm: scopes', () => {
  const scopes = [
    { scope: 'files.read', description: 'Read your files', required: true },
    { scope: 'files.write', description: 'Create and change files' },
  ]
  const authCode = (extra: Record<string, unknown>) =>
    model(
      connector({
        type: 'oauth2AuthorizationCode',
        authorizeUrl: 'https://files.example/oauth2/authorize',
        tokenUrl: 'https://files.example/oauth2/token',
        clientId: 'app',
        scopes,
        ...extra,
      }),
    )

  test('with custom scopes, only the required ones are locked', () => {
    const m = authCode({ allowCustomScopes: true })
    expect(m.allowCustomScopes).toBe(true)
    expect(m.scopes).toEqual([
      { scope: 'files.read', description: 'Read your files', required: true, locked: true },
      {
        scope: 'files.write',
        description: 'Create and change files',
        required: false,
        locked: false,
      },
    ])
    expect(m.notes).toEqual([])
    expect(chosenScopes(m, new Set(['files.read', 'files.write']))).toEqual(['files.read'])
    expect(chosenScopes(m, new Set())).toEqual(['files.read', 'files.write'])
  })

  test('without custom scopes every scope is locked, and "required" is noted as no effect', () => {
    const m = authCode({})
    expect(m.allowCustomScopes).toBe(false)
    expect(m.scopes.every((s) => s.locked)).toBe(true)
    expect(m.notes).toEqual([expect.stringMatching(/required.*files\.read.*allowCustomScopes/)])
    expect(chosenScopes(m, new Set(['files.write']))).toEqual(['files.read', 'files.write'])
  })

  test('scopes are ignored for basic and custom', () => {
    const m = model(connector({ type: 'custom', scopes, allowCustomScopes: true }))
    expect(m.scopes).toEqual([])
    expect(m.allowCustomScopes).toBe(false)
  })

  test('scope entries without text are noted and duplicates dropped', () => {
    const m = authCode({ scopes: [{ scope: 'a' }, { description: 'x' }, { scope: 'a' }] })
    expect(m.scopes.map((s) => s.scope)).toEqual(['a'])
    expect(m.notes).toHaveLength(2)
  })
})

describe('connectionForm: errors', () => {
  test('no connector.json', () => {
    expect(error(undefined)).toMatch(/no connector\.json/)
  })

  test('invalid JSON says the line and column', () => {
    expect(error('{\n  "name": "A",\n  "key" "x"\n}')).toMatch(
      /^connector\.json line 3, column \d+: Expected a colon/,
    )
    expect(error(' \n')).toBe('connector.json is empty; expected a JSON object.')
  })

  test('not an object', () => {
    expect(error('[1, 2]')).toBe('connector.json line 1: expected a JSON object.')
  })

  test('no authentication', () => {
    expect(error(connector(undefined))).toMatch(/has no "authentication"/)
  })

  test('authentication that is not an object, or has no type', () => {
    expect(error(connector('basic'))).toMatch(/^connector\.json line 5: "authentication" must be/)
    expect(error(connector({ label: 'x' }))).toMatch(/^connector\.json line 5: .*needs a "type"/)
  })

  test('unknown type says where and what is allowed', () => {
    const message = error(connector({ type: 'oauth2' }))
    expect(message).toMatch(/^connector\.json line 6: unknown authentication type "oauth2"/)
    expect(message).toMatch(/basic, oauth2AuthorizationCode, oauth2ClientCredentials or custom/)
  })

  test('a missing key falls back to one made from the name', () => {
    const m = model(JSON.stringify({ name: 'Acme Files!', authentication: { type: 'basic' } }))
    expect(m.connectorKey).toBe('acmefiles')
    expect(m.baseUrl).toBeUndefined()
  })
})

describe('filling in the form', () => {
  const m = model(
    connector({
      type: 'basic',
      usernameLabel: 'API user',
      parameters: [{ key: 'tenant', label: 'Tenant', type: 'text' }],
    }),
  )

  test('missingFields lists Name and the empty fields by label', () => {
    expect(missingFields(m, ' ', { username: 'a', password: '' })).toEqual([
      { key: 'name', label: 'Name' },
      { key: 'password', label: 'Password' },
      { key: 'tenant', label: 'Tenant' },
    ])
    expect(missingFields(m, 'x', { username: 'a', password: 'b', tenant: 'c' })).toEqual([])
  })

  test('connectionDraft keeps only the form fields and trims name and description', () => {
    expect(
      connectionDraft(m, {
        name: ' My connection ',
        description: ' notes ',
        values: { username: 'a', password: 'b', tenant: 't', stale: 'x' },
        unticked: new Set(),
      }),
    ).toEqual({
      name: 'My connection',
      description: 'notes',
      values: { username: 'a', password: 'b', tenant: 't' },
    })
  })

  test('connectionDraft sends the chosen scopes only with custom scopes', () => {
    const custom = model(
      connector({
        type: 'oauth2ClientCredentials',
        clientAuthentication: 'client_secret_basic',
        tokenUrl: 'https://files.example/oauth2/token',
        allowCustomScopes: true,
        scopes: [{ scope: 'a', required: true }, { scope: 'b' }, { scope: 'c' }],
      }),
    )
    const draft = connectionDraft(custom, {
      name: 'n',
      description: '',
      values: {},
      unticked: new Set(['a', 'b']),
    })
    expect(draft.scopes).toEqual(['a', 'c'])
    expect(draft.values).toEqual({ client_id: '', client_secret: '' })
  })

  test('prefillValues takes public values of the fields, never passwords', () => {
    expect(
      prefillValues(m, {
        publicValues: { username: 'dana', password: 'leaked?', tenant: 't1', account_id: '1' },
      }),
    ).toEqual({ username: 'dana', tenant: 't1' })
    expect(prefillValues(m, undefined)).toEqual({})
  })
})

describe('demo credentials', () => {
  const mocks: Pick<MockState, 'services'> = {
    services: [
      {
        id: 'hr',
        name: 'Acme HR',
        origin: 'https://hr.example',
        description: '',
        authStyle: 'basic',
        demoCredentials: [
          { label: 'Admin', values: { username: 'admin', password: 'pw' }, note: 'Full access' },
          { label: 'Reader', values: { username: 'reader', password: 'pw2' } },
        ],
        seeds: [],
        counts: [],
        faults: [],
      },
      {
        id: 'files',
        name: 'Nimbus Files',
        origin: 'https://files.example',
        description: '',
        authStyle: 'oauth2',
        demoCredentials: [
          { label: 'Bot', values: { client_id: 'bot', client_secret: 's' } },
          { label: 'App', values: { clientId: 'app', clientSecret: 's2' } },
        ],
        seeds: [],
        counts: [],
        faults: [],
      },
      {
        id: 'tickets',
        name: 'Acme Tickets',
        origin: 'https://{subdomain}.tickets.example',
        description: '',
        authStyle: 'apiKey',
        demoCredentials: [{ label: 'Acme', values: { subdomain: 'acme', api_key: 'k' } }],
        seeds: [],
        counts: [],
        faults: [],
      },
    ],
  }

  test('hostOf tolerates placeholders, ports and credentials', () => {
    expect(hostOf('https://HR.example:8443/api')).toBe('hr.example')
    expect(hostOf('https://user:pw@hr.example')).toBe('hr.example')
    expect(hostOf('https://{{connection.subdomain}}.tickets.example/api')).toBe('*.tickets.example')
    expect(hostOf('not a url')).toBeUndefined()
    expect(hostOf(undefined)).toBeUndefined()
  })

  test('hostBelongsTo matches exact origins, placeholder labels and the bare domain', () => {
    expect(hostBelongsTo('hr.example', 'https://hr.example')).toBe(true)
    expect(hostBelongsTo('api.hr.example', 'https://hr.example')).toBe(false)
    expect(hostBelongsTo('acme.tickets.example', 'https://{subdomain}.tickets.example')).toBe(true)
    expect(hostBelongsTo('*.tickets.example', 'https://{subdomain}.tickets.example')).toBe(true)
    expect(hostBelongsTo('tickets.example', 'https://{subdomain}.tickets.example')).toBe(true)
    expect(hostBelongsTo('a.b.tickets.example', 'https://{subdomain}.tickets.example')).toBe(false)
    expect(hostBelongsTo('files.example', 'https://{subdomain}.tickets.example')).toBe(false)
  })

  test('basic picks the username/password accounts of the base URL’s service', () => {
    const m = model(connector({ type: 'basic' }))
    expect(matchingDemoCredentials(m, mocks)).toEqual([
      {
        serviceId: 'hr',
        serviceName: 'Acme HR',
        label: 'Admin',
        values: { username: 'admin', password: 'pw' },
        note: 'Full access',
      },
      {
        serviceId: 'hr',
        serviceName: 'Acme HR',
        label: 'Reader',
        values: { username: 'reader', password: 'pw2' },
      },
    ])
    expect(matchingDemoCredentials(m, undefined)).toEqual([])
  })

  test('client credentials picks client_id/client_secret of the token URL’s service', () => {
    const m = model(
      connector(
        {
          type: 'oauth2ClientCredentials',
          clientAuthentication: 'client_secret_basic',
          tokenUrl: 'https://files.example/oauth2/token',
        },
        { baseUrl: 'https://gateway.example' },
      ),
    )
    expect(matchingDemoCredentials(m, mocks).map((c) => c.label)).toEqual(['Bot'])
  })

  test('custom picks credentials whose keys are parameters, on a wildcard origin', () => {
    const m = model(
      connector(
        {
          type: 'custom',
          parameters: [
            { key: 'subdomain', label: 'Subdomain', type: 'text' },
            { key: 'api_key', label: 'API key', type: 'password' },
            { key: 'region', label: 'Region', type: 'dropdown', values: [] },
          ],
        },
        { baseUrl: 'https://{{connection.subdomain}}.tickets.example/api/v1' },
      ),
    )
    expect(matchingDemoCredentials(m, mocks)).toEqual([
      {
        serviceId: 'tickets',
        serviceName: 'Acme Tickets',
        label: 'Acme',
        values: { subdomain: 'acme', api_key: 'k' },
      },
    ])
  })

  test('no match when the keys do not fit or the host is another service', () => {
    const apiKeyOnly = model(
      connector(
        { type: 'custom', parameters: [{ key: 'api_key', label: 'API key', type: 'password' }] },
        { baseUrl: 'https://acme.tickets.example' },
      ),
    )
    expect(matchingDemoCredentials(apiKeyOnly, mocks)).toEqual([])
    const elsewhere = model(connector({ type: 'basic' }, { baseUrl: 'https://other.example' }))
    expect(matchingDemoCredentials(elsewhere, mocks)).toEqual([])
    const authCode = model(
      connector(
        {
          type: 'oauth2AuthorizationCode',
          authorizeUrl: 'https://files.example/oauth2/authorize',
          tokenUrl: 'https://files.example/oauth2/token',
          clientId: 'app',
        },
        { baseUrl: 'https://files.example/api' },
      ),
    )
    expect(matchingDemoCredentials(authCode, mocks)).toEqual([])
    expect(serviceFor(authCode, mocks)).toEqual({ id: 'files', name: 'Nimbus Files' })
    expect(serviceFor(elsewhere, mocks)).toBeUndefined()
  })
})

describe('the Connections page helpers', () => {
  test('formatSpan and formatAgo', () => {
    expect(formatSpan(40_000)).toBe('40 s')
    expect(formatSpan(14 * 60_000)).toBe('14 min')
    expect(formatSpan(125 * 60_000)).toBe('2 h 5 min')
    expect(formatSpan(120 * 60_000)).toBe('2 h')
    expect(formatSpan(72 * 3_600_000)).toBe('3 d')
    expect(formatAgo(1000, 3000)).toBe('just now')
    expect(formatAgo(0, 3 * 60_000)).toBe('3 min ago')
  })

  test('describeTokenExpiry before and after expiry, per kind', () => {
    const base = {
      authType: 'oauth2AuthorizationCode' as const,
      hasRefreshToken: true,
      health: { state: 'ok' as const, message: 'ok', checkedAt: 0 },
    }
    const now = 1_000_000
    expect(describeTokenExpiry({ ...base }, now)).toBeUndefined()
    expect(describeTokenExpiry({ ...base, tokenExpiresAt: now + 14 * 60_000 }, now)).toEqual({
      text: 'expires in 14 min',
      expired: false,
    })
    expect(describeTokenExpiry({ ...base, tokenExpiresAt: now - 3 * 60_000 }, now)).toEqual({
      text: 'expired 3 min ago — refreshes on next use',
      expired: true,
    })
    expect(
      describeTokenExpiry({ ...base, hasRefreshToken: false, tokenExpiresAt: now - 60_000 }, now)
        ?.text,
    ).toBe('expired 1 min ago — no refresh token: reauthorize to continue')
    expect(
      describeTokenExpiry(
        {
          ...base,
          authType: 'oauth2ClientCredentials',
          hasRefreshToken: false,
          tokenExpiresAt: now - 60_000,
        },
        now,
      )?.text,
    ).toBe('expired 1 min ago — a new one is requested on next use')
  })

  test('revokeFlowName finds the flow of kind revoke and skips broken files', () => {
    expect(
      revokeFlowName({
        'connector.json': '{}',
        'flows/_authping.json': JSON.stringify({ name: '_authping', kind: 'authping' }),
        'flows/broken.json': '{',
        'flows/revoke.json': JSON.stringify({ name: 'Revoke Token', kind: 'revoke' }),
      }),
    ).toBe('Revoke Token')
    expect(revokeFlowName({ 'flows/a.json': '{"kind":"action","name":"A"}' })).toBeUndefined()
    expect(revokeFlowName(undefined)).toBeUndefined()
  })
})
