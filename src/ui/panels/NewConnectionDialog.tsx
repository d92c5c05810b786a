// The New Connection dialog (and Reauthorize, and the editor's live preview of it), drawn from
// connector.json's authentication the way Connector Builder draws it: Name and Description, the
// auth type's credentials (relabelled for Basic), the parameters, the visible config values, and
// for the authorization code grant a Permissions tab and a sign-in pop-up. Secrets typed here go
// to the engine worker once and are never shown again.
import {
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Index,
  Match,
  onCleanup,
  Show,
  Switch,
  untrack,
  useContext,
  type JSX,
} from 'solid-js'
import type { RunResult } from '../../engine'
import type { ConnectionOutcome, ConnectionSummary } from '../../platform/engine-api'
import {
  AUTH_TYPE_HELP,
  connectionDraft,
  connectionForm,
  defaultConnectionName,
  matchingDemoCredentials,
  missingFields,
  prefillValues,
  serviceFor,
  type ConnectionField,
  type ConnectionFormModel,
  type ConnectionFormResult,
} from '../connection-form'
import { useApp } from '../state/app-context'
import { PlatformContext } from '../state/platform-state'
import Dialog from './Dialog'
import { FlowRun } from './TraceView'
import '../pages/connections.css'

export type ConnectionDialogMode = 'new' | 'reauthorize' | 'preview'

export interface NewConnectionDialogProps {
  mode: ConnectionDialogMode
  /** Reauthorize: the connection (its name, description and non-secret values are prefilled). */
  connection?: ConnectionSummary
  /**
   * The form to draw. The editor's preview passes the last one that read cleanly; otherwise the
   * dialog reads the project's connector.json (and follows edits to it).
   */
  model?: ConnectionFormModel
  onClose?: () => void
  /** Every outcome that leaves a connection behind (created, or created but failing its ping). */
  onOutcome?: (outcome: ConnectionOutcome) => void
}

/** A system flow's run (`_authping`, revoke) under a disclosure. */
export function OutcomeRun(props: { run: RunResult; label: string }) {
  return (
    <details class="outcome-run" data-testid="connection-run">
      <summary>{props.label}</summary>
      <Show
        when={props.run.trace}
        fallback={
          <div class="outcome-run-empty">
            <p>{props.run.error?.message ?? 'The flow did not start.'}</p>
            <For each={props.run.diagnostics}>
              {(d) => (
                <p class="muted">
                  {d.file} line {d.range.startLine}: {d.message}
                </p>
              )}
            </For>
          </div>
        }
      >
        {(trace) => <FlowRun trace={trace()} />}
      </Show>
    </details>
  )
}

/** The label of an outcome run's disclosure, by what the run was. */
export function runLabel(run: RunResult): string {
  const flow = run.trace?.flow
  return flow === undefined || flow === '_authping' ? 'Show _authping run' : 'Show revoke run'
}

const sameForm = (a: ConnectionFormResult, b: ConnectionFormResult) =>
  JSON.stringify(a) === JSON.stringify(b)

export default function NewConnectionDialog(props: NewConnectionDialogProps) {
  const app = useApp()
  const platform = useContext(PlatformContext)
  const uid = createUniqueId()
  const formId = `connection-form-${uid}`
  const idOf = (key: string) => `${uid}-field-${key.replace(/\s+/g, '_')}`

  const read = createMemo<ConnectionFormResult, undefined, ConnectionFormResult>(
    () =>
      props.model
        ? { ok: true, model: props.model }
        : connectionForm(app.state.project?.files['connector.json']),
    undefined,
    { equals: sameForm },
  )
  const model = createMemo(() => {
    const result = read()
    return result.ok ? result.model : undefined
  })
  const preview = () => props.mode === 'preview'
  const reauthorizing = () => props.mode === 'reauthorize'

  // The form's own state. Values are kept by key, so they survive edits to connector.json.
  const initial = untrack(() => {
    const m = model()
    const connection = props.connection
    const unticked = new Set<string>()
    if (m?.allowCustomScopes && connection) {
      for (const s of m.scopes)
        if (!s.locked && !connection.scopes.includes(s.scope)) {
          unticked.add(s.scope)
        }
    }
    return {
      name: connection?.name,
      description: connection?.description ?? '',
      values: m ? prefillValues(m, connection) : {},
      unticked,
    }
  })
  /** Undefined while the user has not typed a name: it follows the default. */
  const [typedName, setTypedName] = createSignal<string | undefined>(initial.name)
  const [description, setDescription] = createSignal(initial.description)
  const [values, setValues] = createSignal<Record<string, string>>(initial.values)
  const [unticked, setUnticked] = createSignal<ReadonlySet<string>>(initial.unticked)
  const [tab, setTab] = createSignal<'general' | 'permissions'>('general')
  const [attempted, setAttempted] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  /** What the last submit came back with (the missing-fields message is worked out live). */
  const [outcomeError, setError] = createSignal<string>()
  const [failedRun, setFailedRun] = createSignal<RunResult>()
  /** Set when a create failed its ping but left a connection: later tries reauthorize it. */
  const [createdId, setCreatedId] = createSignal<string>()
  const [demoIndex, setDemoIndex] = createSignal(0)
  const [demoUsed, setDemoUsed] = createSignal<string>()

  const name = () => {
    const m = model()
    return typedName() ?? (m ? defaultConnectionName(m) : '')
  }
  const setValue = (key: string, value: string) => setValues((prev) => ({ ...prev, [key]: value }))
  const missing = () => {
    const m = model()
    return m && attempted() ? new Set(missingFields(m, name(), values()).map((f) => f.key)) : null
  }
  const isMissing = (key: string) => missing()?.has(key) ?? false
  const missingMessage = () => {
    const m = model()
    if (!m || !attempted()) return undefined
    const gaps = missingFields(m, name(), values())
    return gaps.length > 0 ? `Fill in ${gaps.map((g) => g.label).join(', ')}.` : undefined
  }
  const error = () => outcomeError() ?? missingMessage()
  /** Status lines appear at the end of a long form: bring them into view. */
  const reveal = (element: HTMLElement) =>
    queueMicrotask(() => element.scrollIntoView?.({ block: 'nearest' }))

  const authorizing = () => !preview() && (platform?.state.authorizing ?? false)
  const working = () => busy() || authorizing()
  const demo = createMemo(() => {
    const m = model()
    return m && m.fields.length > 0 ? matchingDemoCredentials(m, platform?.state.mocks) : []
  })
  const provider = () => {
    const m = model()
    if (!m) return 'the provider'
    return serviceFor(m, platform?.state.mocks)?.name ?? m.authorizeHost ?? 'the provider'
  }
  const tabs = () => model()?.usesPopup ?? false

  const title = () =>
    reauthorizing() && props.connection
      ? `Reauthorize “${props.connection.name}”`
      : 'New Connection'

  const submitLabel = () => {
    const m = model()
    if (authorizing()) return 'Waiting for sign-in…'
    if (busy()) return reauthorizing() || createdId() ? 'Reauthorizing…' : 'Creating…'
    if (m?.usesPopup) return `Sign in to ${provider()}…`
    return reauthorizing() ? 'Reauthorize' : 'Create'
  }

  /** Every required field is on the General tab. */
  const focusField = (key: string) => {
    setTab('general')
    document.getElementById(key === 'name' ? `${uid}-name` : idOf(key))?.focus()
  }

  /** A sign-in can finish after the dialog was closed: then only the outcome is reported. */
  let open = true
  onCleanup(() => (open = false))

  const finish = (outcome: ConnectionOutcome) => {
    setBusy(false)
    if (outcome.ok || !open) {
      if (outcome.ok || outcome.connection) props.onOutcome?.(outcome)
      if (open) props.onClose?.()
      return
    }
    if (outcome.connection) {
      if (!props.connection) setCreatedId(outcome.connection.id)
      props.onOutcome?.(outcome)
    }
    setError(
      outcome.connection && !props.connection
        ? `${outcome.message} The connection was saved as “${outcome.connection.name}” and is marked as failing; fix the values and try again (it is updated, not duplicated), or close this dialog.`
        : outcome.message,
    )
    setFailedRun(outcome.run)
  }

  /** Runs synchronously inside the click or Enter, so the sign-in pop-up is not blocked. */
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const m = model()
    if (preview() || !m || !platform || working()) return
    setAttempted(true)
    const gaps = missingFields(m, name(), values())
    const first = gaps[0]
    if (first) {
      setError(undefined)
      setFailedRun(undefined)
      focusField(first.key)
      return
    }
    setError(undefined)
    setFailedRun(undefined)
    const draft = connectionDraft(m, {
      name: name(),
      description: description(),
      values: values(),
      unticked: unticked(),
    })
    const target = props.connection?.id ?? createdId()
    const failed = (reason: unknown) => finish({ ok: false, message: String(reason) })
    if (m.usesPopup) {
      void platform.actions.authorizeInPopup(draft, target).then(finish, failed)
      return
    }
    setBusy(true)
    const pending = target
      ? platform.actions.reauthorize(target, draft)
      : platform.actions.createConnection(draft)
    void pending.then(finish, failed)
  }

  const useDemo = () => {
    const match = demo()[demoIndex()] ?? demo()[0]
    if (!match) return
    setValues((prev) => ({ ...prev, ...match.values }))
    setDemoUsed(match.label)
  }

  const onTabKey = (event: KeyboardEvent) => {
    if (
      event.key !== 'ArrowLeft' &&
      event.key !== 'ArrowRight' &&
      event.key !== 'Home' &&
      event.key !== 'End'
    )
      return
    event.preventDefault()
    const next =
      event.key === 'Home'
        ? 'general'
        : event.key === 'End'
          ? 'permissions'
          : tab() === 'general'
            ? 'permissions'
            : 'general'
    setTab(next)
    document.getElementById(`${uid}-tab-${next}`)?.focus()
  }

  const fieldInput = (field: () => ConnectionField) => (
    <Switch>
      <Match when={field().kind === 'dropdown'}>
        <select
          id={idOf(field().key)}
          name={field().key}
          data-testid={`connection-field-${field().key}`}
          required
          aria-required="true"
          aria-invalid={isMissing(field().key)}
          onChange={(e) => setValue(field().key, e.currentTarget.value)}
        >
          <option value="" selected={(values()[field().key] ?? '') === ''}>
            Choose an option…
          </option>
          <For each={field().options ?? []}>
            {(option) => (
              <option value={option.value} selected={values()[field().key] === option.value}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      </Match>
      <Match when={field().kind !== 'dropdown'}>
        <input
          id={idOf(field().key)}
          name={field().key}
          data-testid={`connection-field-${field().key}`}
          required
          aria-required="true"
          aria-invalid={isMissing(field().key)}
          type={field().kind === 'password' ? 'password' : 'text'}
          autocomplete={field().kind === 'password' ? 'new-password' : 'off'}
          spellcheck={false}
          value={values()[field().key] ?? ''}
          onInput={(e) => setValue(field().key, e.currentTarget.value)}
        />
      </Match>
    </Switch>
  )

  const scopeList = (m: () => ConnectionFormModel) => (
    <fieldset class="connection-scopes">
      <legend>{m().usesPopup ? 'Scopes' : 'Scopes requested'}</legend>
      <p class="help">
        {m().allowCustomScopes
          ? 'Untick the permissions you do not want to grant. Required ones stay ticked.'
          : 'The connector requests all of these; its builder did not allow customizing scopes.'}
      </p>
      <ul>
        <Index each={m().scopes}>
          {(scope) => (
            <li>
              <label class="scope-option" classList={{ locked: scope().locked }}>
                <input
                  type="checkbox"
                  data-testid={`connection-scope-${scope().scope}`}
                  checked={scope().locked || !unticked().has(scope().scope)}
                  disabled={scope().locked}
                  onChange={(e) => {
                    const ticked = e.currentTarget.checked
                    const key = scope().scope
                    setUnticked((prev) => {
                      const next = new Set(prev)
                      if (ticked) next.delete(key)
                      else next.add(key)
                      return next
                    })
                  }}
                />
                <span class="scope-text">
                  <code>{scope().scope}</code>
                  <Show when={scope().required && m().allowCustomScopes}>
                    <span class="scope-required">required</span>
                  </Show>
                  <Show when={scope().description}>
                    <span class="scope-description">{scope().description}</span>
                  </Show>
                </span>
              </label>
            </li>
          )}
        </Index>
      </ul>
    </fieldset>
  )

  const general = (m: () => ConnectionFormModel) => (
    <>
      <p class="connection-auth-summary">
        <strong>{m().authLabel}</strong>
        <Show when={m().authLabel !== m().authTypeLabel}>
          <span class="muted">· {m().authTypeLabel}</span>
        </Show>
        <span class="help">{AUTH_TYPE_HELP[m().authType]}</span>
      </p>
      <div class="connection-field">
        <label for={`${uid}-name`}>
          Name{' '}
          <span class="required" aria-hidden="true">
            *
          </span>
        </label>
        <input
          id={`${uid}-name`}
          data-testid="connection-name"
          required
          aria-required="true"
          aria-invalid={isMissing('name')}
          value={name()}
          onInput={(e) => setTypedName(e.currentTarget.value)}
        />
        <span class="help">Shown when you pick a connection for a flow.</span>
      </div>
      <div class="connection-field">
        <label for={`${uid}-description`}>Description</label>
        <input
          id={`${uid}-description`}
          data-testid="connection-description"
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>

      <Index each={m().fields}>
        {(field) => (
          <div class="connection-field">
            <label for={idOf(field().key)}>
              {field().label}{' '}
              <span class="required" aria-hidden="true">
                *
              </span>
            </label>
            {fieldInput(field)}
            <Show when={field().kind === 'password'}>
              <span class="help">
                {reauthorizing()
                  ? 'Enter it again: secrets are never shown once saved.'
                  : 'Redacted in run history and share links; kept only on this device.'}
              </span>
            </Show>
            <Show when={field().source === 'parameter'}>
              <span class="help">
                Flows read it as <code>=connection.{field().key}</code>.
              </span>
            </Show>
          </div>
        )}
      </Index>

      <Show when={demo().length > 0}>
        <div class="demo-credentials">
          <p>
            <strong>Mock service demo account.</strong> {demo()[0]?.serviceName} is a mock API in
            this playground; its demo credentials are fake and safe to use.
          </p>
          <div class="demo-row">
            <Show when={demo().length > 1}>
              <select
                aria-label="Demo account"
                data-testid="connection-demo-choice"
                onChange={(e) => setDemoIndex(Number(e.currentTarget.value))}
              >
                <For each={demo()}>
                  {(match, index) => (
                    <option value={index()} selected={index() === demoIndex()}>
                      {match.label}
                    </option>
                  )}
                </For>
              </select>
            </Show>
            <button type="button" data-testid="connection-demo-fill" onClick={useDemo}>
              Use demo credentials
              <Show when={demo().length === 1}>: {demo()[0]?.label}</Show>
            </button>
          </div>
          <Show when={(demo()[demoIndex()] ?? demo()[0])?.note}>
            {(note) => <p class="help">{note()}</p>}
          </Show>
          <Show when={demoUsed()}>
            {(label) => (
              <p class="help" role="status">
                Filled in with {label()}.
              </p>
            )}
          </Show>
        </div>
      </Show>

      <Show when={m().authType === 'oauth2AuthorizationCode'}>
        <div class="connection-field">
          <label for={`${uid}-redirect`}>Redirect URI</label>
          <input
            id={`${uid}-redirect`}
            class="mono"
            data-testid="connection-redirect-uri"
            readOnly
            value={m().redirectUri ?? ''}
            onFocus={(e) => e.currentTarget.select()}
          />
          <span class="help">
            Where {provider()} sends you back with the authorization code. A builder registers it
            with the service's OAuth app (Connector Builder shows it in the Authentication
            settings).
          </span>
        </div>
        <p class="help">
          {createdId() || reauthorizing() ? 'Reauthorizing' : 'Creating'} opens a pop-up where you
          sign in to {m().authorizeHost ?? 'the provider'} and grant the scopes on the Permissions
          tab, as the app <code>{m().clientId ?? '(no clientId)'}</code>
          {m().pkce ? ' with a PKCE challenge' : ''}. The platform then exchanges the code at{' '}
          {m().tokenHost ?? 'the token URL'} and refreshes the token itself.
        </p>
      </Show>

      <Show when={m().authType === 'oauth2ClientCredentials'}>
        <p class="help">
          The platform requests an access token from {m().tokenHost ?? 'the token URL'} with these
          credentials (
          {m().clientAuthentication === 'client_secret_post'
            ? 'client_secret_post: in the request body'
            : 'client_secret_basic: in a Basic header'}
          ).
        </p>
        <Show when={m().scopes.length > 0}>{scopeList(m)}</Show>
      </Show>

      <Show when={m().configValues.length > 0 || m().hiddenConfigValues > 0}>
        <section class="connection-config" aria-labelledby={`${uid}-config`}>
          <h3 id={`${uid}-config`}>Config values</h3>
          <Index each={m().configValues}>
            {(config) => (
              <div class="connection-field">
                <label for={`${uid}-config-${config().key}`}>{config().label}</label>
                <input
                  id={`${uid}-config-${config().key}`}
                  data-testid={`connection-config-${config().key}`}
                  readOnly
                  classList={{ computed: config().definition !== 'static' }}
                  value={config().value}
                />
              </div>
            )}
          </Index>
          <p class="help">
            Set by the connector, not by you; flows read them as{' '}
            <code>=connection.&lt;key&gt;</code>.
            <Show when={m().hiddenConfigValues > 0}>
              {' '}
              {m().hiddenConfigValues === 1
                ? '1 more is hidden from this dialog'
                : `${m().hiddenConfigValues} more are hidden from this dialog`}{' '}
              (visible: false).
            </Show>
          </p>
        </section>
      </Show>
    </>
  )

  const permissions = (m: () => ConnectionFormModel) => (
    <Show
      when={m().scopes.length > 0}
      fallback={
        <p class="muted">
          This connector requests no scopes. Add them to <code>authentication.scopes</code> in
          connector.json.
        </p>
      }
    >
      {scopeList(m)}
    </Show>
  )

  const tabButton = (id: 'general' | 'permissions', label: JSX.Element) => (
    <button
      type="button"
      role="tab"
      id={`${uid}-tab-${id}`}
      aria-controls={`${uid}-panel-${id}`}
      aria-selected={tab() === id}
      tabIndex={tab() === id ? 0 : -1}
      data-testid={`connection-tab-${id}`}
      classList={{ active: tab() === id }}
      onClick={() => setTab(id)}
      onKeyDown={onTabKey}
    >
      {label}
    </button>
  )

  const tabPanel = (id: 'general' | 'permissions', content: JSX.Element) => (
    <div
      class="connection-panel"
      role="tabpanel"
      id={`${uid}-panel-${id}`}
      aria-labelledby={`${uid}-tab-${id}`}
      hidden={tab() !== id}
    >
      {content}
    </div>
  )

  const form = (m: () => ConnectionFormModel) => (
    <form id={formId} class="connection-form" novalidate onSubmit={submit}>
      <Show when={tabs()} fallback={<div class="connection-panel">{general(m)}</div>}>
        <div class="connection-tabs" role="tablist" aria-label="Connection settings">
          {tabButton('general', 'General')}
          {tabButton(
            'permissions',
            <>
              Permissions <span class="tab-count">{m().scopes.length}</span>
            </>,
          )}
        </div>
        {tabPanel('general', general(m))}
        {tabPanel('permissions', permissions(m))}
      </Show>

      <Show when={m().notes.length > 0}>
        <div class="callout warning connection-notes" data-testid="connection-notes">
          <strong>In connector.json:</strong>
          <ul>
            <For each={m().notes}>{(note) => <li>{note}</li>}</For>
          </ul>
        </div>
      </Show>

      <Show when={authorizing()}>
        <p ref={reveal} class="connection-waiting" role="status" data-testid="connection-waiting">
          <span class="spinner" aria-hidden="true" /> Waiting for the sign-in window… Finish there,
          or close it to cancel.
        </p>
      </Show>
      <Show when={error()}>
        {(message) => (
          <div
            ref={reveal}
            class="callout error connection-error"
            role="alert"
            data-testid="connection-error"
          >
            {message()}
          </div>
        )}
      </Show>
      <Show when={failedRun()}>{(run) => <OutcomeRun run={run()} label={runLabel(run())} />}</Show>
    </form>
  )

  const body = () => (
    <Show
      when={model()}
      fallback={
        <div class="callout error connection-error" role="alert" data-testid="connection-error">
          connector.json is not ready for connections:{' '}
          {(() => {
            const result = read()
            return result.ok ? '' : result.error
          })()}
        </div>
      }
    >
      {(m) => form(m)}
    </Show>
  )

  const footer = (): JSX.Element => (
    <>
      <Show when={!preview()}>
        <button type="button" onClick={() => props.onClose?.()}>
          Cancel
        </button>
      </Show>
      <button
        type="submit"
        form={formId}
        class="primary"
        data-testid="connection-submit"
        disabled={preview() || !model() || working()}
        title={preview() ? 'Preview only: create connections on the Connections page' : undefined}
      >
        {submitLabel()}
      </button>
    </>
  )

  return (
    <Show
      when={preview()}
      fallback={
        <Dialog
          title={title()}
          testId="connection-dialog"
          onClose={() => props.onClose?.()}
          footer={footer()}
        >
          {body()}
        </Dialog>
      }
    >
      <section
        class="connection-dialog-inline"
        data-testid="connection-dialog"
        aria-label="New Connection dialog (preview)"
      >
        <header class="dialog-header">
          <span class="inline-dialog-title">New Connection</span>
        </header>
        <p class="preview-banner">
          Preview of the New Connection dialog — updates as you edit connector.json
        </p>
        <div class="dialog-body">{body()}</div>
        <footer class="dialog-footer">{footer()}</footer>
      </section>
    </Show>
  )
}
