"use client";

import { useEffect, useId, useRef } from "react";

export const inputClass =
  "mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-[invalid=true]:border-red-600";
export const primaryButton =
  "rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100";

/** A labelled field whose server or client message sits right under it and is announced with it. */
export function Field(props: {
  label: string;
  error?: string | null;
  hint?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => React.ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block font-medium text-slate-700">
        {props.label}
      </label>
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function FormError({ message, onReload }: { message: string | null; onReload?: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
      {onReload && (
        <button type="button" onClick={onReload} className="ml-2 font-semibold underline">
          Recarregar o pedido
        </button>
      )}
    </div>
  );
}

/** Native modal dialog: focus trap, Escape to close and inert background come from the browser. */
export function Dialog(props: { open: boolean; onClose: () => void; title: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={props.onClose}
      className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {props.title}
        </h2>
        {props.open && props.children}
      </div>
    </dialog>
  );
}
