// The project's Connections page, like Connector Builder's Test Connections tab: create a
// connection, see each one's health, account, scopes and token expiry on the virtual clock, and
// Test (runs `_authping`), Rename, Reauthorize, Revoke (runs the revoke flow) and Delete it. Each
// action's outcome is said in a status line, with the system flow's run when one ran.
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js'
import type { AuthType, ConnectionOutcome, ConnectionSummary } from '../../platform/engine-api'
import {
  AUTH_TYPE_HELP,
  AUTH_TYPE_LABELS,
  connectionForm,
  describeTokenExpiry,
  formatAgo,
  revokeFlowName,
} from '../connection-form'
import ConfirmDialog from '../panels/ConfirmDialog'
import NewConnectionDialog, { OutcomeRun, runLabel } from '../panels/NewConnectionDialog'
import { useApp } from '../state/app-context'
import { usePlatform } from '../state/platform-state'
import './connections.css'

type Action = 'new' | 'test' | 'rename' | 'reauthorize' | 'revoke' | 'delete'

interface Reported {
  action: Action
  name: string
  outcome: ConnectionOutcome
}

const HEALTH_LABELS = {
  ok: 'OK',
  failed: 'Failed',
  revoked: 'Revoked',
  untested: 'Not tested',
} as const

const ACTION_RUNNING: Record<Action, string> = {
  new: 'Creating…',
  test: 'Testing…',
  rename: 'Saving…',
  reauthorize: 'Reauthorizing…',
  revoke: 'Revoking…',
  delete: 'Deleting…',
}

const isOAuth = (type: AuthType) =>
  type === 'oauth2AuthorizationCode' || type === 'oauth2ClientCredentials'

export default function ConnectionsPage() {
  const { state, actions } = usePlatform()
  const app = useApp()

  const form = createMemo(() => connectionForm(app.state.project?.files['connector.json']))
  const formModel = () => {
    const result = form()
    return result.ok ? result.model : undefined
  }
  const formError = () => {
    const result = form()
    return result.ok ? undefined : result.error
  }
  const revokeFlow = createMemo(() => revokeFlowName(app.state.project?.files))
  /** The virtual clock (the real one plus how far the Mock services page moved it), ticking. */
  const [tick, setTick] = createSignal(Date.now())
  const timer = setInterval(() => setTick(Date.now()), 15_000)
  onCleanup(() => clearInterval(timer))
  const now = () => {
    const real = Math.max(tick(), Date.now())
    return state.mocks ? Math.max(state.mocks.now, real + state.mocks.clockOffsetMs) : real
  }

  const [dialog, setDialog] = createSignal<
    { mode: 'new' } | { mode: 'reauthorize'; connection: ConnectionSummary }
  >()
  const [reported, setReported] = createSignal<Reported>()
  const [running, setRunning] = createSignal<Record<string, Action>>({})
  const [renaming, setRenaming] = createSignal<string>()
  const [deleting, setDeleting] = createSignal<ConnectionSummary>()

  const runningOn = (id: string) => running()[id]

  /** Runs one action on a connection, its buttons disabled meanwhile, and reports its outcome. */
  const perform = async (
    connection: ConnectionSummary,
    action: Action,
    call: () => Promise<ConnectionOutcome>,
  ): Promise<ConnectionOutcome> => {
    setRunning((prev) => ({ ...prev, [connection.id]: action }))
    let outcome: ConnectionOutcome
    try {
      outcome = await call()
    } catch (error) {
      outcome = { ok: false, message: String(error) }
    }
    setRunning((prev) =>
      Object.fromEntries(Object.entries(prev).filter(([id]) => id !== connection.id)),
    )
    setReported({ action, name: outcome.connection?.name ?? connection.name, outcome })
    return outcome
  }

  const healthText = (connection: ConnectionSummary) => {
    const health = connection.health
    if (health.state === 'untested') {
      return 'Not checked yet: Test runs the _authping flow with this connection.'
    }
    return `${health.message} · checked ${formatAgo(health.checkedAt, now())}`
  }

  return (
    <div class="connections-page" data-testid="connections-page">
      <header class="connections-header">
        <div>
          <h2>Connections</h2>
          <p class="help">
            Test connections for this connector, like Connector Builder's Test Connections tab.
            Flows you run in the Editor can use them.
          </p>
        </div>
        <button
          class="primary"
          data-testid="new-connection"
          disabled={!form().ok}
          title={form().ok ? undefined : 'Fix connector.json first (see below)'}
          onClick={() => setDialog({ mode: 'new' })}
        >
          + New connection
        </button>
      </header>

      <Show
        when={formModel()}
        fallback={
          <p class="callout warning" data-testid="connections-auth-error">
            {formError()} Connections can be created once connector.json describes its
            authentication.
          </p>
        }
      >
        {(model) => (
          <p class="connections-auth muted">
            This connector authenticates with <strong>{model().authLabel}</strong>
            {model().authLabel === model().authTypeLabel ? '' : ` (${model().authTypeLabel})`}.{' '}
            {AUTH_TYPE_HELP[model().authType]}
          </p>
        )}
      </Show>

      <Show when={reported()}>
        {(report) => (
          <div
            class="connection-outcome"
            classList={{ failed: !report().outcome.ok }}
            data-testid="connection-outcome"
            data-ok={String(report().outcome.ok)}
            role={report().outcome.ok ? 'status' : 'alert'}
          >
            <div class="connection-outcome-line">
              <span class="outcome-mark" aria-hidden="true">
                {report().outcome.ok ? '✓' : '✕'}
              </span>
              <span>
                <strong>{report().name}</strong>: {report().outcome.message}
              </span>
              <button
                class="icon-button"
                aria-label="Dismiss"
                onClick={() => setReported(undefined)}
              >
                ×
              </button>
            </div>
            <Show when={report().outcome.run}>
              {(run) => <OutcomeRun run={run()} label={runLabel(run())} />}
            </Show>
          </div>
        )}
      </Show>

      <Show
        when={state.connections.length > 0}
        fallback={
          <div class="connections-empty" data-testid="connections-empty">
            <h3>No connections yet</h3>
            <p>
              A connection is an account at the service this connector talks to: the credentials (or
              OAuth 2.0 tokens) its cards run with. Flows read it as <code>=connection</code>, and
              the <code>_authping</code> flow checks that it works.
            </p>
            <p>
              Secrets you enter (passwords, API keys, client secrets, tokens) stay on this device,
              in this browser's storage. They never appear in run history, and share links leave
              them out.
            </p>
          </div>
        }
      >
        <ul class="connection-list" aria-label="Connections">
          <For each={state.connections}>
            {(connection) => {
              const busy = () => runningOn(connection.id) !== undefined
              const label = (action: Action, idle: string) =>
                runningOn(connection.id) === action ? ACTION_RUNNING[action] : idle
              const expiry = () => describeTokenExpiry(connection, now())
              return (
                <li
                  class="connection-card"
                  data-testid="connection-row"
                  data-connection-id={connection.id}
                  aria-busy={busy()}
                >
                  <div class="connection-card-head">
                    <h3 class="connection-title">{connection.name}</h3>
                    <span class="connection-type">{AUTH_TYPE_LABELS[connection.authType]}</span>
                  </div>
                  <Show when={connection.description}>
                    <p class="connection-description">{connection.description}</p>
                  </Show>
                  <div
                    class="connection-health"
                    data-testid="connection-health"
                    data-state={connection.health.state}
                  >
                    <span class={`health-badge ${connection.health.state}`}>
                      {HEALTH_LABELS[connection.health.state]}
                    </span>
                    <span class="health-message">{healthText(connection)}</span>
                  </div>
                  <dl class="connection-facts">
                    <dt>Account</dt>
                    <dd data-testid="connection-account">{connection.account || '—'}</dd>
                    <Show when={isOAuth(connection.authType)}>
                      <dt>Scopes</dt>
                      <dd data-testid="connection-scopes">
                        <Show
                          when={connection.scopes.length > 0}
                          fallback={<span class="muted">none granted</span>}
                        >
                          <For each={connection.scopes}>
                            {(scope) => <code class="scope-chip">{scope}</code>}
                          </For>
                        </Show>
                      </dd>
                      <dt>Access token</dt>
                      <dd data-testid="connection-token">
                        <Show when={expiry()} fallback={<span class="muted">no expiry given</span>}>
                          {(e) => <span classList={{ expired: e().expired }}>{e().text}</span>}
                        </Show>
                        <span class="muted">
                          {' · '}
                          {connection.hasRefreshToken
                            ? 'has a refresh token'
                            : connection.authType === 'oauth2ClientCredentials'
                              ? 'renewed with the client credentials'
                              : 'no refresh token'}
                        </span>
                      </dd>
                    </Show>
                    <dt>Updated</dt>
                    <dd>{formatAgo(connection.updatedAt, now())}</dd>
                  </dl>

                  <Show when={renaming() === connection.id}>
                    <form
                      class="connection-rename"
                      onSubmit={(event) => {
                        event.preventDefault()
                        const fields = event.currentTarget.elements
                        const name = (fields.namedItem('name') as HTMLInputElement).value
                        const description = (fields.namedItem('description') as HTMLInputElement)
                          .value
                        void perform(connection, 'rename', () =>
                          actions.rename(connection.id, name, description),
                        ).then((outcome) => {
                          if (outcome.ok) setRenaming(undefined)
                        })
                      }}
                    >
                      <label>
                        Name
                        <input
                          name="name"
                          data-testid="connection-rename-name"
                          value={connection.name}
                          required
                          ref={(input) => queueMicrotask(() => input.select())}
                        />
                      </label>
                      <label>
                        Description
                        <input
                          name="description"
                          data-testid="connection-rename-description"
                          value={connection.description}
                        />
                      </label>
                      <div class="connection-rename-buttons">
                        <button type="button" onClick={() => setRenaming(undefined)}>
                          Cancel
                        </button>
                        <button
                          type="submit"
                          class="primary"
                          data-testid="connection-rename-save"
                          disabled={busy()}
                        >
                          {label('rename', 'Save')}
                        </button>
                      </div>
                    </form>
                  </Show>

                  <div class="connection-actions">
                    <button
                      data-testid="connection-test"
                      disabled={busy()}
                      title="Run the _authping flow with this connection"
                      onClick={() =>
                        void perform(connection, 'test', () => actions.test(connection.id))
                      }
                    >
                      {label('test', 'Test')}
                      <span class="visually-hidden"> {connection.name}</span>
                    </button>
                    <button
                      data-testid="connection-rename"
                      disabled={busy() || renaming() === connection.id}
                      onClick={() => setRenaming(connection.id)}
                    >
                      Rename
                      <span class="visually-hidden"> {connection.name}</span>
                    </button>
                    <button
                      data-testid="connection-reauthorize"
                      disabled={busy() || !form().ok}
                      title="Enter the credentials again, or sign in again"
                      onClick={() => setDialog({ mode: 'reauthorize', connection })}
                    >
                      Reauthorize
                      <span class="visually-hidden"> {connection.name}</span>
                    </button>
                    <Show when={isOAuth(connection.authType)}>
                      <button
                        data-testid="connection-revoke"
                        disabled={busy() || connection.health.state === 'revoked'}
                        title={
                          revokeFlow()
                            ? `Run the revoke flow “${revokeFlow()}”; the connection then needs reauthorizing`
                            : 'This connector has no revoke flow'
                        }
                        onClick={() =>
                          void perform(connection, 'revoke', () => actions.revoke(connection.id))
                        }
                      >
                        {label('revoke', 'Revoke')}
                        <span class="visually-hidden"> {connection.name}</span>
                      </button>
                    </Show>
                    <button
                      class="danger-text"
                      data-testid="connection-delete"
                      disabled={busy()}
                      onClick={() => setDeleting(connection)}
                    >
                      {label('delete', 'Delete')}
                      <span class="visually-hidden"> {connection.name}</span>
                    </button>
                  </div>
                </li>
              )
            }}
          </For>
        </ul>
      </Show>

      <Show when={dialog()} keyed>
        {(open) => (
          <NewConnectionDialog
            mode={open.mode}
            connection={open.mode === 'reauthorize' ? open.connection : undefined}
            onClose={() => setDialog(undefined)}
            onOutcome={(outcome) =>
              setReported({
                action: open.mode,
                name: outcome.connection?.name ?? '',
                outcome,
              })
            }
          />
        )}
      </Show>

      <Show when={deleting()}>
        {(target) => (
          <ConfirmDialog
            title="Delete connection?"
            message={`“${target().name}” and its secrets will be deleted from this device. ${
              target().health.state === 'revoked'
                ? 'It was already revoked, so the revoke flow does not run again.'
                : revokeFlow()
                  ? `The connector's revoke flow “${revokeFlow()}” runs first, to revoke its token at the service.`
                  : 'This connector has no revoke flow, so nothing is revoked at the service.'
            }`}
            confirmLabel="Delete connection"
            onCancel={() => setDeleting(undefined)}
            onConfirm={() => {
              const connection = target()
              setDeleting(undefined)
              void perform(connection, 'delete', () => actions.remove(connection.id))
            }}
          />
        )}
      </Show>
    </div>
  )
}
