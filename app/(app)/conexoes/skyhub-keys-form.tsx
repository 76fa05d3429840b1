"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Field, inputClass, primaryButton, secondaryButton } from "../../_components/form";
import { useTRPC } from "../../_trpc/client";
import { fieldError, toUiError } from "../../_trpc/errors";

/** The Americanas Marketplace keys: shown empty every time, since stored keys are never sent back. */
export function SkyhubKeysForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [userEmail, setUserEmail] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [accountManagerKey, setAccountManagerKey] = useState("");
  const save = useMutation(
    trpc.connections.setKeys.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.connections.mine.queryKey() });
        onDone();
      },
    }),
  );
  const error = save.error ? toUiError(save.error) : null;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          channel: "americanas",
          userEmail: userEmail.trim(),
          apiKey: apiKey.trim(),
          accountManagerKey: accountManagerKey.trim() || undefined,
        });
      }}
    >
      <KeyField
        label="E-mail de acesso (X-User-Email)"
        type="email"
        value={userEmail}
        onChange={setUserEmail}
        error={fieldError(error, "userEmail")}
        required
      />
      <KeyField
        label="Chave de API da loja (X-Api-Key)"
        hint="No painel da Americanas Marketplace: Configurações › Integrações."
        value={apiKey}
        onChange={setApiKey}
        error={fieldError(error, "apiKey")}
        required
      />
      <KeyField
        label="Chave da plataforma (X-Accountmanager-Key)"
        hint="Deixe em branco para usar a chave que a Americanas deu ao Fluxo."
        value={accountManagerKey}
        onChange={setAccountManagerKey}
        error={fieldError(error, "accountManagerKey")}
      />
      {error && !error.fieldErrors && !error.field && <p className="text-sm text-red-800">{error.message}</p>}
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={save.isPending}>
          Salvar chaves
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancelar
        </button>
      </div>
    </form>
  );
}

function KeyField(props: {
  label: string;
  hint?: string;
  type?: "email" | "password";
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
