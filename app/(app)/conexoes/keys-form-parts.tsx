"use client";

import { Field, inputClass, primaryButton, secondaryButton } from "../../_components/form";
import type { UiError } from "../../_trpc/errors";

/** One credential as a marketplace's panel shows it: never filled back in, never remembered by the browser. */
export function CredentialField(props: {
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "url";
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  required?: boolean;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={props.type ?? "password"}
          autoComplete="off"
          className={inputClass}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          required={props.required}
        />
      )}
    </Field>
  );
}

/** The refusal no field owns, then save and cancel. */
export function KeysFormFooter(props: {
  error: UiError | null;
  pending: boolean;
  saveLabel: string;
  onCancel: () => void;
}) {
  const { error } = props;
  return (
    <>
      {error && !error.fieldErrors && !error.field && <p className="text-sm text-red-800">{error.message}</p>}
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={props.pending}>
          {props.saveLabel}
        </button>
        <button type="button" className={secondaryButton} onClick={props.onCancel}>
          Cancelar
        </button>
      </div>
    </>
  );
}
