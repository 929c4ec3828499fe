import { useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import { navigate } from '../use-hash-route';

/** The AI generator: a prompt and an optional PDF or image; the generated draft opens in the editor. */
export function GeneratorPage() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const file = form.get('file');
    if (file instanceof File && file.size === 0) form.delete('file');
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ flow: { id: string } }>('/api/flows/generate', { body: form });
      navigate('flows', answer.flow.id);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>Generate a flow with AI</h1>
      <form onSubmit={submit}>
        <label for="generate-prompt">What should the flow do?</label>
        <textarea id="generate-prompt" name="prompt" rows={5} />
        <label for="generate-file">A PDF or image to work from (optional)</label>
        <input
          id="generate-file"
          name="file"
          type="file"
          accept="application/pdf,image/png,image/jpeg,image/webp"
        />
        <button type="submit" aria-busy={busy} disabled={busy}>
          {busy ? 'Generating… (this can take a minute)' : 'Generate'}
        </button>
        {busy && <progress aria-label="Generating the flow" />}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </>
  );
}
