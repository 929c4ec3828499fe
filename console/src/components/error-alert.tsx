/** An error for a person, announced by screen readers; nothing when there is none. */
export function ErrorAlert(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p role="alert" class="error">
      {props.message}
    </p>
  );
}
