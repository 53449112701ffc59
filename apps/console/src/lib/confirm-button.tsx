// A button whose action runs only after a confirmation in a modal <dialog> (focus moves into it,
// Escape cancels, the browser keeps keyboard focus inside).
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export function ConfirmButton(props: { label: string; title: string; children: ComponentChildren; confirmLabel: string; onConfirm: () => Promise<void>; disabled?: boolean; danger?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      dialog.current?.close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={props.danger ? 'danger' : ''} disabled={props.disabled} onClick={() => dialog.current?.showModal()}>{props.label}</button>
      <dialog ref={dialog} aria-labelledby={`${props.label}-title`.replace(/\W/g, '-')}>
        <h2 id={`${props.label}-title`.replace(/\W/g, '-')}>{props.title}</h2>
        <div>{props.children}</div>
        {error ? <p role="alert" class="error">{error}</p> : null}
        <div class="actions">
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="button" class={props.danger ? 'danger' : 'primary'} disabled={busy} onClick={confirm}>{busy ? 'Working…' : props.confirmLabel}</button>
        </div>
      </dialog>
    </>
  );
}
