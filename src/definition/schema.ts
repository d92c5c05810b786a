// The one schema source for the connector format. The TypeScript types (z.infer), the runtime
// validator and the JSON Schema that Monaco uses (json-schema.ts) all come from these definitions.
// The full field reference is docs/format.md; keep the two in step.
import { z } from 'zod'

/** Workflows' data types, as the Inputs/Outputs dialogs name them. */
export const DATA_TYPES = ['text', 'number', 'boolean', 'datetime', 'object', 'file'] as const
export const DataType = z
  .enum(DATA_TYPES)
  .describe('Data type: Text, Number, True/False, Date & Time, Object or File.')

const nonEmpty = (what: string) => z.string().min(1, `${what} must not be empty`)

export const FieldSchema = z
  .strictObject({
    key: nonEmpty('key').describe('The key flows use to read this field, e.g. `email`.'),
    label: z.string().optional().describe('Display name shown on the card.'),
    type: DataType,
    list: z.boolean().optional().describe('True for a list of the data type.'),
    required: z.boolean().optional().describe('A required field is red on the card until filled.'),
    group: z.string().optional().describe('The input or output group the field belongs to.'),
    help: z.string().optional().describe('Help text shown beside the field.'),
  })
  .describe('An input or output field of a card.')

export const OptionSchema = z
  .strictObject({
    key: nonEmpty('key'),
    label: z.string().describe('Letters, numbers, hyphens, underscores and spaces only.'),
    type: z.enum(['text', 'dropdown']),
    values: z
      .array(z.strictObject({ label: z.string(), value: z.string() }))
      .optional()
      .describe('Static dropdown values.'),
    default: z.string().optional(),
    required: z.boolean().optional(),
  })
  .describe('A design-time option of an action card (always Text).')

/** A step: one card placed in a flow. Containers hold nested step lists. */
export interface Step {
  id: string
  card: string
  description?: string | undefined
  /** For cards that call a helper flow (Call Flow, For Each, Map …): the helper's name. */
  flow?: string | undefined
  inputs?: Record<string, unknown> | undefined
  steps?: Step[] | undefined
}

export const StepSchema: z.ZodType<Step> = z.lazy(() =>
  z
    .strictObject({
      id: z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]*$/,
          'A step id starts with a letter or underscore and has only letters, digits and underscores',
        )
        .describe('Unique within the flow; later steps reference its outputs as `=<id>.<output>`.'),
      card: nonEmpty('card').describe('The card id from the catalogue, e.g. `object.construct`.'),
      description: z.string().optional(),
      flow: z.string().optional().describe('The helper flow a Call Flow (or list) card runs.'),
      inputs: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          'Input values. A string starting with `=` is a reference (`=step.path`, `=input.x`, `=connection.x`); anything else is a literal.',
        ),
      steps: z.array(StepSchema).optional().describe('Nested steps of a container card.'),
    })
    .describe('A card placed in a flow.'),
)

export const FLOW_KINDS = [
  'action',
  'helper',
  'authping',
  'revoke',
  'webhookEvent',
  'webhookRegistration',
  'webhookDeregistration',
  'pollingMonitor',
] as const

export const FlowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: nonEmpty('name').describe('The flow name; action flows become card names.'),
    kind: z.enum(FLOW_KINDS).describe('What the flow is for in the connector.'),
    description: z.string().optional(),
    options: z.array(OptionSchema).optional(),
    inputs: z.array(FieldSchema).optional().describe('Inputs of the card (or of the helper flow).'),
    outputs: z.array(FieldSchema).optional().describe('Outputs of the card (or helper return).'),
    steps: z.array(StepSchema).describe('The cards of the flow, in order.'),
  })
  .describe('A connector flow.')

const ParameterSchema = z.strictObject({
  key: nonEmpty('key'),
  label: z.string(),
  type: z.enum(['text', 'password', 'dropdown']),
  values: z.array(z.strictObject({ label: z.string(), value: z.string() })).optional(),
})

const ConfigValueSchema = z.strictObject({
  key: nonEmpty('key'),
  label: z.string(),
  type: z.enum(['text', 'password']),
  value: z.string().optional().describe('A static value.'),
  flow: z.string().optional().describe('A helper flow that produces the value.'),
  visible: z.boolean().optional(),
})

const authCommon = {
  label: z.string().optional().describe('The display name of the authentication.'),
  parameters: z.array(ParameterSchema).optional(),
  configValues: z.array(ConfigValueSchema).optional(),
}

const ScopeSchema = z.strictObject({ scope: nonEmpty('scope'), required: z.boolean().optional() })

export const AuthenticationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('basic'),
    usernameLabel: z.string().optional(),
    passwordLabel: z.string().optional(),
    ...authCommon,
  }),
  z.strictObject({
    type: z.literal('oauth2AuthorizationCode'),
    authorizeUrl: z.url(),
    tokenUrl: z.url(),
    refreshUrl: z.url().optional(),
    scopes: z.array(ScopeSchema).optional(),
    allowCustomScopes: z.boolean().optional(),
    ...authCommon,
  }),
  z.strictObject({
    type: z.literal('oauth2ClientCredentials'),
    clientAuthentication: z.enum(['client_secret_basic', 'client_secret_post']),
    tokenUrl: z.url(),
    scopes: z.array(ScopeSchema).optional(),
    allowCustomScopes: z.boolean().optional(),
    ...authCommon,
  }),
  z.strictObject({ type: z.literal('custom'), ...authCommon }),
])

export const ConnectorSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: nonEmpty('name').describe('Connector name shown in the Workflows catalog.'),
    key: z
      .string()
      .regex(/^[a-z][a-z0-9]*(_[A-Za-z0-9]+)?$/, 'A key is lower-case letters and digits')
      .describe('Immutable key, e.g. `acmehr_R7Q2KD9MZX`.'),
    description: z.string().optional(),
    icon: z.string().optional(),
    accentColor: z
      .string()
      .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Use #rgb or #rrggbb')
      .optional(),
    documentationUrl: z.url().optional(),
    supportEmail: z.email().optional(),
    baseUrl: z.url().describe('The base URL the httpHelper prefixes to relative URLs.'),
    authentication: AuthenticationSchema.optional(),
  })
  .describe('Connector settings, branding and authentication.')

export type DataTypeName = z.infer<typeof DataType>
export type Field = z.infer<typeof FieldSchema>
export type CardOption = z.infer<typeof OptionSchema>
export type Flow = z.infer<typeof FlowSchema>
export type FlowKind = Flow['kind']
export type Authentication = z.infer<typeof AuthenticationSchema>
export type Connector = z.infer<typeof ConnectorSchema>
