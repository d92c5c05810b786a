// The one schema source for the connector format. The TypeScript types (z.infer), the runtime
// validator and the JSON Schema that Monaco uses (json-schema.ts, and the committed copies in
// schemas/) all come from these definitions. The field reference is docs/format.md; keep the two
// in step (a test checks every property here is documented there).
import { z } from 'zod'
import { FLOW_KINDS } from './flow-kinds'
import { OPERATORS } from './operators'

const nonEmpty = (what: string) => z.string().min(1, `${what} must not be empty`)

// ─── Fields, options, groups ──────────────────────────────────────────────────────────────────

/** Workflows' data types, as the Inputs/Outputs dialogs name them. */
export const DATA_TYPES = ['text', 'number', 'boolean', 'datetime', 'object', 'file'] as const
export const DataType = z
  .enum(DATA_TYPES)
  .describe(
    'Data type: `text` (Text), `number` (Number), `boolean` (True/False), `datetime` (Date & Time), `object` (Object) or `file` (File).',
  )

export const StaticValueSchema = z.strictObject({
  label: z.string().describe('What the user sees in the dropdown.'),
  value: z.string().describe('What the flow receives.'),
})

export const FieldSchema = z
  .strictObject({
    key: nonEmpty('key').describe(
      'The key flows use to read this field, e.g. `email` → `=input.email`.',
    ),
    label: z.string().optional().describe('Display name shown on the card (defaults to the key).'),
    type: DataType,
    list: z.boolean().optional().describe('`true` for a list of the data type.'),
    required: z
      .boolean()
      .optional()
      .describe('A required input is red on the card until filled (inputs only).'),
    group: z.string().optional().describe('The input or output group the field belongs to.'),
    help: z.string().optional().describe('Help text, shown beside the field on hover.'),
    values: z
      .array(StaticValueSchema)
      .optional()
      .describe('Static dropdown values: makes the input a Dropdown field.'),
  })
  .describe('An input or output field of a card.')

export const OptionSchema = z
  .strictObject({
    key: nonEmpty('key').describe('The key flows use: `=options.<key>`.'),
    label: z
      .string()
      .describe(
        'Letters, numbers, hyphens, underscores and spaces; no leading or trailing spaces.',
      ),
    type: z.enum(['text', 'dropdown']).describe('Text Field or Dropdown. Options are always Text.'),
    values: z.array(StaticValueSchema).optional().describe('Static dropdown values.'),
    flow: z
      .string()
      .optional()
      .describe('Dynamic dropdown: a helper flow that returns `[{ "key": …, "value": … }]`.'),
    flowInputs: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'Inputs for the dynamic dropdown helper; `=options.<key>` makes this a dependent option.',
      ),
    default: z.string().optional().describe('Pre-selected value when the card is added.'),
    required: z.boolean().optional().describe('Required (the default is true).'),
    help: z.string().optional(),
  })
  .describe('A design-time option of a card (Options are chosen when building a flow).')

export const DynamicGroupSchema = z
  .strictObject({
    group: z
      .string()
      .optional()
      .describe('Group name; omit when the helper returns the group properties itself.'),
    flow: nonEmpty('flow').describe('Helper flow that returns the field objects.'),
    extensible: z
      .boolean()
      .optional()
      .describe('Whether the card user may add fields to the group.'),
    flowInputs: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('A group of fields fetched at design time by a helper flow.')

// ─── Steps ────────────────────────────────────────────────────────────────────────────────────

export const ConditionSchema = z
  .strictObject({
    left: z.unknown().describe('Left operand: a literal or a `=` reference.'),
    operator: z.enum(OPERATORS).describe('How to compare.'),
    right: z.unknown().optional().describe('Right operand (not used by is empty / is not empty).'),
  })
  .describe('A comparison.')

export const ErrorHandlingSchema = z
  .strictObject({
    retry: z
      .number()
      .int()
      .min(0)
      .max(5)
      .optional()
      .describe('Retry up to this many times (0–5; 0 = off).'),
    retryOn: z
      .union([z.enum(['rateLimits', 'all']), z.array(z.number().int().min(400).max(599))])
      .optional()
      .describe(
        '`rateLimits` (429, and 504 on HTTP cards; the default), `all` error codes, or a list of status codes.',
      ),
    waitMinutes: z
      .union([z.number().min(0), z.tuple([z.number().min(0), z.number().min(0)])])
      .optional()
      .describe('Wait before a retry: minutes, or [min, max] for a random wait between.'),
    then: z
      .enum(['halt', 'returnValues', 'runFlow'])
      .optional()
      .describe(
        'After the last retry: halt the flow (default), return values, or run another flow.',
      ),
    values: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('With `returnValues`: the outputs the card gives instead.'),
    flow: z
      .string()
      .optional()
      .describe('With `runFlow`: the helper flow that receives the error.'),
  })
  .describe("The card's error handling (gear → Error handling).")

/** A step: one card placed in a flow. Container cards hold nested step lists. */
export interface Step {
  id: string
  card: string
  description?: string | undefined
  flow?: string | undefined
  inputs?: Record<string, unknown> | undefined
  options?: Record<string, unknown> | undefined
  connection?: string | undefined
  outputs?: z.infer<typeof FieldSchema>[] | undefined
  then?: Step[] | undefined
  else?: Step[] | undefined
  branches?: { when: z.infer<typeof ConditionSchema>; steps: Step[] }[] | undefined
  try?: Step[] | undefined
  catch?: Step[] | undefined
  errorHandling?: z.infer<typeof ErrorHandlingSchema> | undefined
}

const stepList = (what: string) => z.array(z.lazy(() => StepSchema)).describe(what)

export const StepSchema: z.ZodType<Step> = z.lazy(() =>
  z
    .strictObject({
      id: z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]*$/,
          'A step id starts with a letter or underscore and has only letters, digits and underscores',
        )
        .describe('Unique within the flow; later steps read its outputs as `=<id>.<output>`.'),
      card: nonEmpty('card').describe(
        'The card: a function card id such as `object.construct`, or `connector:` followed by the name of an action flow (e.g. `connector:List Users`) for a card of this connector.',
      ),
      description: z.string().optional().describe('A note shown on the card.'),
      flow: z
        .string()
        .optional()
        .describe('The helper flow that Call Flow, For Each, Map and similar cards run.'),
      inputs: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          'Input values by name. A string starting with `=` is a reference (`=step.path`, `=input.x`, `=connection.x`); anything else is a literal.',
        ),
      options: z
        .record(z.string(), z.unknown())
        .optional()
        .describe("A connector card's option values."),
      connection: z.string().optional().describe('The connection a connector card uses (by name).'),
      outputs: z
        .array(FieldSchema)
        .optional()
        .describe(
          "Outputs declared on the card: for Call Flow, exactly the helper's return names and types.",
        ),
      then: stepList('If/Else: the steps when the condition holds.').optional(),
      else: stepList('If/Else and If/ElseIf: the steps otherwise.').optional(),
      branches: z
        .array(
          z.strictObject({
            when: ConditionSchema,
            steps: stepList('The steps of this branch.'),
          }),
        )
        .optional()
        .describe('If/ElseIf: the conditions, tried in order.'),
      try: stepList('If Error: the steps to try.').optional(),
      catch: stepList(
        'If Error: the steps when one of them fails (they can read `=error`).',
      ).optional(),
      errorHandling: ErrorHandlingSchema.optional(),
    })
    .describe('A card placed in a flow.'),
)

// ─── Connector flows (flows/*.json) ───────────────────────────────────────────────────────────

export { FLOW_KINDS, type FlowKind } from './flow-kinds'

export const FlowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: nonEmpty('name').describe(
      'The flow name. An action flow becomes a card of that name; `_authping` is reserved for the authping flow.',
    ),
    kind: z
      .enum(FLOW_KINDS)
      .describe(
        '`action` (a card users add), `helper`, `authping` (`_authping`), `revoke`, `webhookEvent`, `webhookRegistration`, `webhookDeregistration` or `pollingMonitor`.',
      ),
    description: z.string().optional().describe("Shown on the card and in the catalog's search."),
    active: z
      .boolean()
      .optional()
      .describe('Deactivated flows (false) are not deployed; the default is true.'),
    options: z.array(OptionSchema).optional().describe('Design-time options of the card.'),
    inputs: z.array(FieldSchema).optional().describe('Inputs of the card, or of the helper flow.'),
    extensibleInputGroups: z
      .array(z.string())
      .optional()
      .describe('Input groups the card user may add their own fields to.'),
    dynamicInputGroups: z
      .array(DynamicGroupSchema)
      .optional()
      .describe('Input groups whose fields a helper flow returns (at most one).'),
    dynamicOutputGroups: z
      .array(DynamicGroupSchema)
      .optional()
      .describe('Not supported by Connector Builder: dynamic groups are for inputs only.'),
    outputs: z
      .array(FieldSchema)
      .optional()
      .describe("Outputs of the card (what Return Outputs returns), or a helper's returns."),
    selectableOutputs: z
      .boolean()
      .optional()
      .describe('The card passes the outputs the user selected as `=selectedOutputs`.'),
    webhook: z
      .strictObject({
        registrationFlow: nonEmpty('registrationFlow').describe(
          'Runs when a flow using this event card is turned on; returns the registration data.',
        ),
        deregistrationFlow: z
          .string()
          .optional()
          .describe('Runs when the flow is turned off, with the stored registration data.'),
        inputs: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('Values for the registration flows: literals or `=options.<key>`.'),
      })
      .optional()
      .describe('Webhook event cards: the registration and deregistration flows.'),
    schedule: z
      .strictObject({
        everyMinutes: z.number().int().min(1).max(1440).describe('How often it polls.'),
      })
      .optional()
      .describe('Polling monitors: how often they run (default every 5 minutes).'),
    steps: z.array(StepSchema).describe('The cards of the flow, in order.'),
  })
  .describe('A connector flow.')

// ─── Consumer flows (workflows/*.json) ────────────────────────────────────────────────────────

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM')
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const TriggerSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({ type: z.literal('manual') })
      .describe('Run with the Test button only (no event card).'),
    z
      .strictObject({
        type: z.literal('schedule'),
        frequency: z.enum(['minute', 'hour', 'day', 'week', 'month']),
        every: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Every N minutes/hours/days/weeks/months.'),
        at: time
          .optional()
          .describe('Time of day (day, week, month), or HH:MM whose minute is used (hour).'),
        timeWindow: z
          .strictObject({ from: time, to: time })
          .optional()
          .describe('Minute and hour schedules: only within this time of day.'),
        weekdays: z.array(z.enum(WEEKDAYS)).optional().describe('Only on these days.'),
        dayOfMonth: z
          .number()
          .int()
          .min(1)
          .max(31)
          .optional()
          .describe('Month schedules: the day.'),
        startDate: z.iso.date().optional().describe('No earlier than this date.'),
        endDate: z.iso.date().optional().describe('No later than this date.'),
        timezone: z.string().optional().describe('IANA time zone, e.g. `America/Los_Angeles`.'),
      })
      .describe('Scheduled Flow.'),
    z
      .strictObject({
        type: z.literal('event'),
        card: z
          .string()
          .regex(
            /^connector:.+/,
            'Name a webhook event or polling card: `connector:` and the name of the flow',
          )
          .describe("This connector's event card: `connector:` followed by the event flow's name."),
        options: z.record(z.string(), z.unknown()).optional(),
        connection: z.string().optional(),
      })
      .describe('An application event card.'),
    z
      .strictObject({
        type: z.literal('apiEndpoint'),
        method: z.enum(['GET', 'POST']).describe('API Endpoint flows accept GET or POST.'),
        security: z
          .enum(['clientToken', 'public'])
          .describe(
            '`clientToken` (`clientToken` query parameter or `x-api-client-token` header) or `public`.',
          ),
        headers: z
          .array(FieldSchema)
          .optional()
          .describe('Header fields to read (lower-case keys).'),
        query: z.array(FieldSchema).optional().describe('Query parameters to read.'),
        body: z.array(FieldSchema).optional().describe('Body fields to read (POST).'),
      })
      .describe('API Endpoint: another system invokes the flow over HTTP.'),
    z
      .strictObject({
        type: z.literal('helper'),
        inputs: z.array(FieldSchema).optional().describe("The helper's inputs."),
        outputs: z.array(FieldSchema).optional().describe('What the helper returns.'),
      })
      .describe('Helper Flow: called by another flow.'),
    z
      .strictObject({
        type: z.literal('delegated'),
        users: z
          .array(z.string())
          .optional()
          .describe('Users who may run it from the Admin Console.'),
        inputs: z
          .array(FieldSchema)
          .optional()
          .describe('Text, Number, True/False or Date & Time only; no lists.'),
      })
      .describe('Delegated Flow.'),
  ])
  .describe('What starts the flow.')

export const WorkflowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: nonEmpty('name'),
    description: z.string().optional(),
    active: z.boolean().optional().describe('Whether the flow is turned on.'),
    trigger: TriggerSchema,
    steps: z.array(StepSchema).describe('The cards of the flow, in order.'),
  })
  .describe("A flow that uses the connector's cards (the Workflows designer side).")

// ─── connector.json ───────────────────────────────────────────────────────────────────────────

const ParameterSchema = z
  .strictObject({
    key: nonEmpty('key').describe(
      'The key in the auth object, e.g. `api_key` → `=connection.api_key`.',
    ),
    label: z.string(),
    type: z.enum(['text', 'password', 'dropdown']).describe('Password values are redacted.'),
    values: z.array(StaticValueSchema).optional().describe('Dropdown values.'),
  })
  .describe('A field the user fills in the New Connection dialog (always required).')

const ConfigValueSchema = z
  .strictObject({
    key: nonEmpty('key'),
    label: z.string(),
    type: z.enum(['text', 'password']),
    value: z.string().optional().describe('Static Value.'),
    flow: z
      .string()
      .optional()
      .describe('Value from Helper Flow (that helper cannot use the connection).'),
    visible: z.boolean().optional().describe('Hidden values are usable in flows but not shown.'),
  })
  .describe('A value the platform shows in the New Connection dialog (e.g. an external ID).')

const authCommon = {
  label: z.string().optional().describe('The display name of the authentication.'),
  parameters: z.array(ParameterSchema).optional(),
  configValues: z.array(ConfigValueSchema).optional(),
}

const ScopeSchema = z.strictObject({
  scope: nonEmpty('scope'),
  description: z.string().optional(),
  required: z
    .boolean()
    .optional()
    .describe('Only with allowCustomScopes: shown as a checked, disabled box.'),
})

export const AuthenticationSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('basic'),
        usernameLabel: z.string().optional().describe('Relabel Username.'),
        passwordLabel: z.string().optional().describe('Relabel Password.'),
        ...authCommon,
      })
      .describe('Basic: `Authorization: Basic base64(username:password)`.'),
    z
      .strictObject({
        type: z.literal('oauth2AuthorizationCode'),
        authorizeUrl: z.url().describe("The provider's authorize endpoint (its consent page)."),
        tokenUrl: z.url().describe('Where the code is exchanged for access and refresh tokens.'),
        refreshUrl: z.url().optional().describe('Refresh Token Path; the token URL when omitted.'),
        clientId: nonEmpty('clientId').describe(
          "The client ID of the app registered with the service (the builder's, not the user's).",
        ),
        clientSecret: z
          .string()
          .optional()
          .describe(
            'The client secret of that app. Share links strip it; a public client (PKCE only) has none.',
          ),
        pkce: z
          .boolean()
          .optional()
          .describe(
            'Send a PKCE S256 code challenge (default true). A playground extension; Connector Builder does not document PKCE.',
          ),
        scopes: z.array(ScopeSchema).optional(),
        allowCustomScopes: z.boolean().optional().describe('Allow users to customize scopes.'),
        ...authCommon,
      })
      .describe('OAuth 2.0, authorization code grant.'),
    z
      .strictObject({
        type: z.literal('oauth2ClientCredentials'),
        clientAuthentication: z
          .enum(['client_secret_basic', 'client_secret_post'])
          .describe('Send client credentials as a Basic header (recommended) or in the body.'),
        tokenUrl: z.url(),
        scopes: z.array(ScopeSchema).optional(),
        allowCustomScopes: z.boolean().optional(),
        ...authCommon,
      })
      .describe('OAuth 2.0, client credentials grant (the user enters client ID and secret).'),
    z
      .strictObject({ type: z.literal('custom'), ...authCommon })
      .describe('Custom: collect any values (API keys, subdomains) as parameters.'),
  ])
  .describe('How a connection authenticates.')

export const ConnectorSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: nonEmpty('name').describe('Connector name shown in the Workflows catalog.'),
    key: z
      .string()
      .regex(/^[a-z][a-z0-9]*(_[A-Za-z0-9]+)?$/, 'A key is lower-case letters and digits')
      .describe('Immutable key: the name plus a random suffix, e.g. `acmehr_R7Q2KD9MZX`.'),
    description: z.string().optional().describe('Shown in the catalog and indexed by search.'),
    icon: z.string().optional().describe('Image shown at the top of every card (URL or data URL).'),
    accentColor: z
      .string()
      .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Use #rgb or #rrggbb')
      .optional()
      .describe('`#rgb` or `#rrggbb`, e.g. `#00297A`.'),
    documentationUrl: z.url().optional().describe('User documentation URL.'),
    supportEmail: z.email().optional().describe('Support contact email.'),
    baseUrl: z.url().describe("The service's API base URL."),
    authentication: AuthenticationSchema.optional(),
  })
  .describe('Connector settings, branding and authentication.')

export type DataTypeName = z.infer<typeof DataType>
export type Field = z.infer<typeof FieldSchema>
export type CardOption = z.infer<typeof OptionSchema>
export type DynamicGroup = z.infer<typeof DynamicGroupSchema>
export type Condition = z.infer<typeof ConditionSchema>
export type ErrorHandling = z.infer<typeof ErrorHandlingSchema>
export type Flow = z.infer<typeof FlowSchema>
export type Trigger = z.infer<typeof TriggerSchema>
export type Workflow = z.infer<typeof WorkflowSchema>
export type Authentication = z.infer<typeof AuthenticationSchema>
export type Connector = z.infer<typeof ConnectorSchema>
