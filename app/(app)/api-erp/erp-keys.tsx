"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime, plural } from "@/server/domain/format";
import { Field, FormError, inputClass, primaryButton, secondaryButton } from "../../_components/form";
import { useTRPC } from "../../_trpc/client";
import { fieldError, toUiError } from "../../_trpc/errors";

/** The account's keys for its ERP: create (the key is shown this once), see when each was last used, revoke. */
export function ErpKeys({ apiUrl }: { apiUrl: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.erpKeys.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.erpKeys.list.queryKey() });
  const [name, setName] = useState("");
  const create = useMutation(trpc.erpKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.erpKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const createError = create.error ? toUiError(create.error) : null;
  const active = keys.data?.filter((k) => !k.revokedAt).length ?? 0;
  return (
    <div className="max-w-3xl space-y-5">
      <h1 className="text-2xl font-semibold">API para ERP</h1>
      <p className="text-sm text-slate-700">
        Seu ERP (Bling, Tiny, Omie ou um sistema próprio) lê os pedidos de todos os marketplaces e envia nota fiscal,
        envio e entrega pelas mesmas chamadas da API da Americanas Marketplace (SkyHub). Configure no ERP o endereço{" "}
        <code className="rounded bg-slate-100 px-1">{apiUrl}</code>, o e-mail da chave em X-User-Email e a chave em
        X-Api-Key. O guia do integrador está em <code className="rounded bg-slate-100 px-1">docs/ERP-API.md</code> e a
        especificação em <code className="rounded bg-slate-100 px-1">{apiUrl}/openapi.json</code>.
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name }, { onSuccess: () => setName("") });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field
            label="Nome da nova chave"
            hint="Por exemplo, o nome do ERP que vai usá-la."
            error={fieldError(createError, "name")}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className={inputClass}
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                required
              />
            )}
          </Field>
        </div>
        <button type="submit" className={primaryButton} disabled={create.isPending}>
          Criar chave
        </button>
      </form>
      {createError && !createError.field && !createError.fieldErrors && <FormError message={createError.message} />}
      {create.data && (
        <div role="status" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          <p className="font-semibold">Copie a chave “{create.data.name}” agora: ela não será mostrada de novo.</p>
          <p>
            X-User-Email: <code>{create.data.userEmail}</code>
          </p>
          <p className="break-all">
            X-Api-Key: <code>{create.data.key}</code>
          </p>
        </div>
      )}
      {(keys.error || revoke.error) && <FormError message={toUiError(keys.error ?? revoke.error).message} />}
      <p className="text-sm text-slate-600">{plural(active, "chave ativa", "chaves ativas")}</p>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
        {keys.data?.map((key) => (
          <li key={key.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
            <div className="flex-1">
              <p className="font-medium">{key.name}</p>
              <p className="text-slate-600">
                {key.keyPrefix}… · {key.userEmail} · criada em {formatDateTime(key.createdAt)} ·{" "}
                {key.lastUsedAt ? `usada por último em ${formatDateTime(key.lastUsedAt)}` : "ainda não usada"}
              </p>
            </div>
            {key.revokedAt ? (
              <span className="text-slate-600">Revogada em {formatDateTime(key.revokedAt)}</span>
            ) : (
              <button
                type="button"
                className={secondaryButton}
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id: key.id })}
                aria-label={`Revogar a chave ${key.name}`}
              >
                Revogar
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
