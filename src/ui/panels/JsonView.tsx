// Renders a value as indented JSON text (never as HTML, so project strings cannot inject markup).
export default function JsonView(props: { value: unknown; testId?: string }) {
  const text = () => {
    if (props.value === undefined) return '—'
    try {
      return JSON.stringify(props.value, null, 2)
    } catch {
      return String(props.value)
    }
  }
  return (
    <pre class="json-view" data-testid={props.testId}>
      {text()}
    </pre>
  )
}
