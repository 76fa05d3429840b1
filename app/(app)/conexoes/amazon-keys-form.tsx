"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../_trpc/client";
import { fieldError, toUiError } from "../../_trpc/errors";
import { CredentialField, KeysFormFooter } from "./keys-form-parts";

/** The seller's own SP-API app and its refresh token: shown empty every time, since stored ones are never sent back. */
export function AmazonKeysForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [refreshToken, setRefreshToken] = useState("");
  const save = useMutation(
    trpc.connections.setAmazonKeys.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.connections.mine.queryKey() });
        onDone();
      },
    }),
  );
  const error = save.error ? toUiError(save.error) : null;
  const fields = [
    {
      name: "clientId",
      label: "Client ID do app (LWA)",
      hint: "Em Seller Central › Parceiros › Desenvolver apps, em “Credenciais LWA” do seu app.",
      value: clientId,
      set: setClientId,
    },
    { name: "clientSecret", label: "Client Secret do app (LWA)", value: clientSecret, set: setClientSecret },
    {
      name: "refreshToken",
      label: "Refresh token",
      hint: "Aparece uma vez, ao clicar em “Autorizar app” na mesma página; começa com Atzr|.",
      value: refreshToken,
      set: setRefreshToken,
    },
  ] as const;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          clientId: clientId.trim(),
          clientSecret: clientSecret.trim(),
          refreshToken: refreshToken.trim(),
        });
      }}
    >
      {fields.map((f) => (
        <CredentialField
          key={f.name}
          label={f.label}
          hint={"hint" in f ? f.hint : undefined}
          value={f.value}
          onChange={f.set}
          error={fieldError(error, f.name)}
          required
        />
      ))}
      <KeysFormFooter error={error} pending={save.isPending} saveLabel="Salvar credenciais" onCancel={onDone} />
    </form>
  );
}
