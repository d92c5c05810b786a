// The OAuth 2.0 consent pop-up: the mock provider's sign-in screen, played by the app. The opener
// (platform-state's authorizeInPopup) sends what the provider's authorize endpoint described; the
// user picks an account and allows or denies; the decision goes back to the opener, which lets
// the engine worker finish the protocol (code, token exchange, _authping) and reports the result.
// Kept tiny on purpose: no engine, storage or editor here, only the message protocol.
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import type { ConsentDecision, ConsentDetails } from '../platform/engine-api'
import { isConsentMessage, OAUTH_CHANNEL, type ConsentMessage } from './state/platform-state'
import './consent.css'

type Phase = 'no-opener' | 'waiting' | 'consent' | 'finishing' | 'done' | 'failed'

/** What each query parameter of the authorize URL is for (shown in Request details). */
const PARAM_HELP: Record<string, string> = {
  response_type: '“code”: the authorization code grant.',
  client_id: 'The app asking: the connector’s OAuth client (clientId in connector.json).',
  redirect_uri: 'Where the provider sends the code; it must match the registered one.',
  scope: 'The permissions asked for, separated by spaces.',
  state:
    'A random value the platform checks when the code comes back, so a forged redirect is refused.',
  code_challenge:
    'PKCE: a hash of a secret verifier that only the platform knows; the token request proves it.',
  code_challenge_method: 'How the challenge was made (S256 = SHA-256).',
}

/** A stable colour for a provider's mark, from its name. */
function brandHue(name: string): number {
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 360
  return hash
}

function queryOf(url: string): [string, string][] {
  try {
    return [...new URL(url).searchParams.entries()]
  } catch {
    return []
  }
}

function endpointOf(url: string): string {
  return url.split('?')[0] ?? url
}

export default function ConsentScreen() {
  const opener = (window.opener as Window | null) ?? null
  const [phase, setPhase] = createSignal<Phase>(opener ? 'waiting' : 'no-opener')
  const [consent, setConsent] = createSignal<ConsentDetails>()
  const [account, setAccount] = createSignal<string>()
  const [result, setResult] = createSignal<{ ok: boolean; message: string }>()
  let closeTimer: ReturnType<typeof setTimeout> | undefined

  const post = (message: ConsentMessage) => opener?.postMessage(message, location.origin)

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== location.origin || event.source !== opener) return
    if (!isConsentMessage(event.data)) return
    const message = event.data
    if (message.type === 'consent') {
      setConsent(message.consent)
      setAccount(message.consent.accounts[0]?.id)
      setPhase('consent')
      document.title = `Sign in – ${message.consent.provider || 'OAuth provider'}`
    } else if (message.type === 'done') {
      setResult({ ok: message.ok, message: message.message })
      setPhase('done')
      if (message.ok) closeTimer = setTimeout(() => window.close(), 800)
    } else if (message.type === 'failed') {
      setResult({ ok: false, message: message.message })
      setPhase('failed')
    }
  }

  onMount(() => {
    document.title = 'Sign in'
    if (!opener) return
    window.addEventListener('message', onMessage)
    post({ channel: OAUTH_CHANNEL, type: 'ready' })
  })
  onCleanup(() => {
    window.removeEventListener('message', onMessage)
    if (closeTimer !== undefined) clearTimeout(closeTimer)
  })

  const decide = (allow: boolean) => {
    if (phase() !== 'consent') return
    const chosen = account()
    const decision: ConsentDecision = allow && chosen ? { allow, account: chosen } : { allow }
    setPhase('finishing')
    post({ channel: OAUTH_CHANNEL, type: 'decision', decision })
  }

  const provider = () => consent()?.provider || 'the provider'

  return (
    <main
      class="consent-screen"
      data-testid="consent-screen"
      data-phase={phase()}
      style={{ '--brand-hue': String(brandHue(consent()?.provider ?? '')) }}
    >
      <div class="consent-card">
        <div class="consent-playground-note">
          Connector Playground · a mock sign-in page, played in your browser
        </div>

        <Show when={phase() === 'no-opener'}>
          <h1 class="consent-title">Sign-in window</h1>
          <p>
            This window is opened by the playground's New Connection dialog, when a connector signs
            in with OAuth 2.0 (authorization code). Open the playground, go to Connections and
            choose <strong>+ New connection</strong>.
          </p>
        </Show>

        <Show when={phase() === 'waiting'}>
          <h1 class="consent-title">Connecting…</h1>
          <p class="consent-muted" role="status">
            Waiting for the playground to send the provider's sign-in screen.
          </p>
        </Show>

        <Show when={consent()}>
          {(details) => (
            <>
              <header class="consent-brand">
                <span class="consent-logo" aria-hidden="true">
                  {provider().slice(0, 1).toUpperCase()}
                </span>
                <span class="consent-provider">{provider()}</span>
              </header>
              <h1 class="consent-title">
                <strong>{details().clientName}</strong> wants to access your{' '}
                <strong>{provider()}</strong> account
              </h1>

              <Show when={phase() === 'consent'}>
                <Show
                  when={details().accounts.length > 0}
                  fallback={
                    <p class="consent-muted">The provider offers no accounts to choose from.</p>
                  }
                >
                  <fieldset class="consent-accounts">
                    <legend>Choose an account</legend>
                    <For each={details().accounts}>
                      {(item) => (
                        <label
                          class="consent-account"
                          classList={{ chosen: account() === item.id }}
                        >
                          <input
                            type="radio"
                            name="account"
                            value={item.id}
                            data-testid={`consent-account-${item.id}`}
                            checked={account() === item.id}
                            onChange={() => setAccount(item.id)}
                          />
                          <span class="consent-avatar" aria-hidden="true">
                            {item.name.slice(0, 1).toUpperCase()}
                          </span>
                          <span class="consent-account-text">
                            <span class="consent-account-name">{item.name}</span>
                            <span class="consent-muted">{item.email}</span>
                          </span>
                        </label>
                      )}
                    </For>
                  </fieldset>
                </Show>

                <section class="consent-scopes" aria-labelledby="consent-scopes-title">
                  <h2 id="consent-scopes-title">This will allow {details().clientName} to:</h2>
                  <Show
                    when={details().scopes.length > 0}
                    fallback={<p class="consent-muted">No specific permissions were requested.</p>}
                  >
                    <ul>
                      <For each={details().scopes}>
                        {(scope) => (
                          <li data-testid="consent-scope">
                            <span>{scope.description || scope.scope}</span>
                            <code>{scope.scope}</code>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </section>

                <details class="consent-request">
                  <summary>Request details</summary>
                  <p class="consent-muted">
                    The platform sent you here with this authorize request:
                  </p>
                  <p class="consent-endpoint">
                    <code>GET {endpointOf(details().authorizeUrl)}</code>
                  </p>
                  <dl>
                    <For each={queryOf(details().authorizeUrl)}>
                      {([key, value]) => (
                        <>
                          <dt>
                            <code>{key}</code>
                          </dt>
                          <dd>
                            <code class="consent-value">{value}</code>
                            <Show when={PARAM_HELP[key]}>
                              {(help) => <span class="consent-muted">{help()}</span>}
                            </Show>
                          </dd>
                        </>
                      )}
                    </For>
                  </dl>
                  <p class="consent-muted">Full URL</p>
                  <code class="consent-url" data-testid="consent-authorize-url">
                    {details().authorizeUrl}
                  </code>
                </details>

                <div class="consent-buttons">
                  <button type="button" data-testid="consent-deny" onClick={() => decide(false)}>
                    Deny
                  </button>
                  <button
                    type="button"
                    class="consent-allow"
                    data-testid="consent-allow"
                    onClick={() => decide(true)}
                  >
                    Allow
                  </button>
                </div>
                <p class="consent-muted consent-fineprint">
                  Allow sends you back to the playground with an authorization code; Deny sends back
                  an access_denied error.
                </p>
              </Show>
            </>
          )}
        </Show>

        <Show when={phase() === 'finishing'}>
          <p class="consent-progress" role="status" data-testid="consent-status">
            <span class="consent-spinner" aria-hidden="true" /> Finishing sign-in…
          </p>
        </Show>

        <Show when={(phase() === 'done' || phase() === 'failed') && result()}>
          {(done) => (
            <div
              class="consent-result"
              classList={{ ok: done().ok, failed: !done().ok }}
              data-testid="consent-result"
              data-ok={String(done().ok)}
              role={done().ok ? 'status' : 'alert'}
            >
              <strong>{done().ok ? 'Signed in.' : 'Sign-in did not complete.'}</strong>{' '}
              {done().message}
              <Show
                when={done().ok}
                fallback={
                  <div class="consent-buttons">
                    <button type="button" onClick={() => window.close()}>
                      Close window
                    </button>
                  </div>
                }
              >
                <p class="consent-muted">This window closes by itself.</p>
              </Show>
            </div>
          )}
        </Show>
      </div>
    </main>
  )
}
