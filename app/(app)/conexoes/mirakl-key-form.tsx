"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Field, inputClass } from "../../_components/form";
import { useTRPC } from "../../_trpc/client";
import { fieldError, toUiError } from "../../_trpc/errors";
import { CredentialField, KeysFormFooter } from "./keys-form-parts";

type Method = "additional_fields" | "documents";

/**
 * Carrefour's Mirakl shop: the instance's address, the shop key, and how this instance takes the NF-e (Carrefour
 * tells the seller; it is not published). The key is never sent back, so the form starts empty.
 */
export function MiraklKeyForm({
  baseUrl: storedUrl,
  method: storedMethod,
  onDone,
}: {
  baseUrl: string;
  method: Method | null;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    baseUrl: storedUrl,
    apiKey: "",
    shopId: "",
    nfeKeyField: "",
    nfeNumberField: "",
    nfeSeriesField: "",
    nfeDocumentType: "",
  });
  const [method, setMethod] = useState<Method>(storedMethod ?? "additional_fields");
  const save = useMutation(
    trpc.connections.setMiraklKey.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.connections.mine.queryKey() });
        onDone();
      },
    }),
  );
  const error = save.error ? toUiError(save.error) : null;
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const field = (
    name: keyof typeof values,
    label: string,
    hint?: string,
    type: "text" | "password" | "url" = "text",
  ) => (
    <CredentialField
      label={label}
      hint={hint}
      type={type}
      value={values[name]}
      onChange={set(name)}
      error={fieldError(error, name)}
      required={name === "baseUrl" || name === "apiKey"}
    />
  );
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ channel: "carrefour", ...values, invoiceMethod: method });
      }}
    >
      {field(
        "baseUrl",
        "Endereço da instância Mirakl",
        "O endereço da API que o Carrefour informou, ex.: https://nome.mirakl.net.",
        "url",
      )}
      {field("apiKey", "Chave da loja (shop key)", "No painel do Carrefour: Minha conta › Chave de API.", "password")}
      {field("shopId", "ID da loja (opcional)", "Só se a sua chave abre mais de uma loja.")}
      <Field label="Como o Carrefour recebe a NF-e" error={fieldError(error, "invoiceMethod")}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            className={inputClass}
            value={method}
            onChange={(e) => setMethod(e.target.value as Method)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="additional_fields">Em campos do pedido (chave, número e série)</option>
            <option value="documents">Como arquivo XML anexado ao pedido</option>
          </select>
        )}
      </Field>
      {method === "additional_fields" ? (
        <>
          {field(
            "nfeKeyField",
            "Código do campo da chave",
            "Em branco: nfe-key (o código que o Carrefour der substitui este).",
          )}
          {field("nfeNumberField", "Código do campo do número", "Em branco: nfe-number.")}
          {field("nfeSeriesField", "Código do campo da série", "Em branco: nfe-series.")}
        </>
      ) : (
        field("nfeDocumentType", "Código do tipo de documento da NF-e", "Em branco: nfe-xml.")
      )}
      <KeysFormFooter error={error} pending={save.isPending} saveLabel="Salvar conexão" onCancel={onDone} />
    </form>
  );
}
