"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../_trpc/client";
import { fieldError, toUiError } from "../../_trpc/errors";
import { CredentialField, KeysFormFooter } from "./keys-form-parts";

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
      <CredentialField
        label="E-mail de acesso (X-User-Email)"
        type="email"
        value={userEmail}
        onChange={setUserEmail}
        error={fieldError(error, "userEmail")}
        required
      />
      <CredentialField
        label="Chave de API da loja (X-Api-Key)"
        hint="No painel da Americanas Marketplace: Configurações › Integrações."
        value={apiKey}
        onChange={setApiKey}
        error={fieldError(error, "apiKey")}
        required
      />
      <CredentialField
        label="Chave da plataforma (X-Accountmanager-Key)"
        hint="Deixe em branco para usar a chave que a Americanas deu ao Fluxo."
        value={accountManagerKey}
        onChange={setAccountManagerKey}
        error={fieldError(error, "accountManagerKey")}
      />
      <KeysFormFooter error={error} pending={save.isPending} saveLabel="Salvar chaves" onCancel={onDone} />
    </form>
  );
}
