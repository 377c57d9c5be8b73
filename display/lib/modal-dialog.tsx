// A modal dialog on the browser's own <dialog>: showModal() makes the rest of the page inert (focus stays inside),
// Escape closes it, and focus goes back to where it was when it closes. No hand-made focus trap to get wrong.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export function ModalDialog(props: {
  labelledBy: string;
  /** Escape, unless `busy` (a request in flight must finish, and say how it went). */
  onClose: () => void;
  busy?: boolean;
  test: string;
  style?: Record<string, string>;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Before the first paint: the dialog is never drawn without being modal, and focus moves into it at once.
  useLayoutEffect(() => {
    const dialog = ref.current!;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // The dialog leaves the page with its owner; focus goes back to what opened it (a mode button, All Clear…).
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={props.labelledBy}
      data-test={props.test}
      style={props.style}
      onCancel={(event) => {
        event.preventDefault();
        if (!props.busy) props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
