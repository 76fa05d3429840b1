"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CHANNEL_LABELS, CHANNEL_WITH_ARTICLE } from "@/server/domain/channels/channels";
import { formatAccessKeyGroups } from "@/server/domain/invoice/access-key";
import { STATUS_LABELS } from "@/server/domain/orders/status";
import { Dialog, Field, FormError, inputClass, primaryButton, secondaryButton } from "../../../_components/form";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import { fieldError, formLevelError, toUiError } from "../../../_trpc/errors";
import type { DivergenceRow, SideState } from "./divergence-row";

export type DivergenceAction = "resend" | "acceptMarketplace" | "handleManually" | "resolve";

/** What the console says after an action, with the way back to the order that just left the queue. */
export interface ActionNotice {
  message: string;
  accountId: number;
  orderId: number;
  marketplaceCode: string;
}

export const ACTION_LABELS: Record<DivergenceAction, string> = {
  resend: "Reenviar o estado do Fluxo",
  acceptMarketplace: "Aceitar o estado do marketplace",
  handleManually: "Marcar como tratado manualmente",
  resolve: "Resolver com observação",
};

const DONE: Record<DivergenceAction, string> = {
  resend: "estado do Fluxo reenviado ao marketplace",
  acceptMarketplace: "estado do marketplace aceito",
  handleManually: "marcado como tratado manualmente",
  resolve: "divergência resolvida com observação",
};

const NOTE: Record<DivergenceAction, { label: string; hint: string } | null> = {
  resend: null,
  acceptMarketplace: null,
  handleManually: { label: "Observação (opcional)", hint: "Fica no histórico do pedido. Até 500 caracteres." },
  resolve: {
    label: "O que foi feito",
    hint: "Obrigatória, pelo menos 5 caracteres. Fica no histórico do pedido.",
  },
};

export function DivergenceActionDialog(props: {
  action: DivergenceAction | null;
  row: DivergenceRow;
  hub: SideState | null;
  marketplace: SideState | null;
  onClose: () => void;
  onDone: (notice: ActionNotice) => void;
}) {
  return (
    <Dialog
      open={props.action !== null}
      onClose={props.onClose}
      title={props.action ? ACTION_LABELS[props.action] : ""}
    >
      {props.action && <ActionForm {...props} action={props.action} />}
    </Dialog>
  );
}

function ActionForm(props: {
  action: DivergenceAction;
  row: DivergenceRow;
  hub: SideState | null;
  marketplace: SideState | null;
  onClose: () => void;
  onDone: (notice: ActionNotice) => void;
}) {
  const { action, row } = props;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const note = NOTE[action];
  const run = useMutation({
    mutationFn: (text: string) => {
      const id = row.id;
      switch (action) {
        case "resend":
          return client.divergences.resend.mutate({ id });
        case "acceptMarketplace":
          return client.divergences.acceptMarketplace.mutate({ id });
        case "handleManually":
          return client.divergences.handleManually.mutate({ id, note: text.trim() || undefined });
        case "resolve":
          return client.divergences.resolve.mutate({ id, note: text });
      }
    },
    onSuccess: async () => {
      // The card leaves the queue as the confirmation appears, not one poll later.
      await queryClient.invalidateQueries(trpc.divergences.list.pathFilter());
      props.onClose();
      props.onDone({
        message: `Pedido ${row.marketplaceCode} (${row.tradeName}): ${DONE[action]}.`,
        accountId: row.accountId,
        orderId: row.orderId,
        marketplaceCode: row.marketplaceCode,
      });
      // The order page and the board, cached from before, refetch when opened.
      void queryClient.invalidateQueries({ refetchType: "none" });
    },
    // "Already resolved" means the queue on screen is stale: refresh it behind the message.
    onError: () => void queryClient.invalidateQueries(trpc.divergences.list.pathFilter()),
  });
  const error = run.error ? toUiError(run.error) : null;

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate(String(new FormData(e.currentTarget).get("note") ?? ""));
      }}
    >
      <p className="text-sm text-slate-600">
        Pedido {row.marketplaceCode} · {row.tradeName} · {CHANNEL_LABELS[row.channel]}
      </p>
      <Explanation {...props} />
      {note && (
        <Field label={note.label} hint={note.hint} error={fieldError(error, "note")}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              name="note"
              rows={3}
              maxLength={500}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
      )}
      <FormError message={formLevelError(error, note ? ["note"] : [])} />
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={props.onClose}>
          Voltar
        </button>
        <button type="submit" disabled={run.isPending} className={primaryButton}>
          {run.isPending ? "Salvando…" : "Confirmar"}
        </button>
      </div>
    </form>
  );
}

function Explanation({
  action,
  row,
  hub,
  marketplace,
}: { action: DivergenceAction } & Parameters<typeof ActionForm>[0]) {
  const channel = CHANNEL_LABELS[row.channel];
  const closesAll = "Todas as divergências em aberto deste pedido saem da fila.";
  switch (action) {
    case "resend":
      return (
        <div className="space-y-2 text-sm text-slate-800">
          <p>
            O Fluxo envia de novo {CHANNEL_WITH_ARTICLE[row.channel]} a última atualização deste pedido, para que o
            marketplace volte a ficar como no Fluxo
            {hub?.status ? ` (“${STATUS_LABELS[hub.status]}”)` : ""}. Use quando a mudança no marketplace foi um engano.
          </p>
          <p>
            {closesAll} Se {channel} continuar diferente, a próxima conferência abre uma nova divergência.
          </p>
        </div>
      );
    case "acceptMarketplace": {
      const changes = marketplace ? acceptedChanges(hub, marketplace) : [];
      return (
        <div className="space-y-2 text-sm text-slate-800">
          {marketplace ? (
            <>
              <p>
                O pedido no Fluxo passa a ter o status, a chave da NF-e e o código de rastreio que {channel} informa.
                Nada é enviado ao marketplace, e atualizações do Fluxo ainda não enviadas para este pedido são
                descartadas.
              </p>
              {changes.length > 0 && (
                <ul className="list-disc space-y-1 pl-5" aria-label="O que muda no Fluxo">
                  {changes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              )}
              <p>{closesAll}</p>
            </>
          ) : (
            <p className="text-amber-900">
              O marketplace não foi lido na última conferência, então não há estado dele para aceitar. Confira o pedido
              de novo ou escolha outra ação.
            </p>
          )}
        </div>
      );
    }
    case "handleManually":
      return (
        <div className="space-y-2 text-sm text-slate-800">
          <p>
            O Fluxo deixa de sincronizar este pedido com {channel}: não envia mais atualizações dele nem o confere com o
            marketplace. Atualizações ainda não enviadas são descartadas.
          </p>
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
            A partir daqui, acompanhar o pedido até a entrega é responsabilidade do vendedor. A página do pedido passa a
            dizer isso a ele.
          </p>
          <p>{closesAll}</p>
        </div>
      );
    case "resolve":
      return (
        <p className="text-sm text-slate-800">
          A divergência sai da fila sem mudar o pedido. Registre o que foi feito: a observação fica no histórico do
          pedido.
        </p>
      );
  }
}

function acceptedChanges(hub: SideState | null, marketplace: SideState): string[] {
  const changes: string[] = [];
  if (marketplace.status && marketplace.status !== hub?.status) {
    changes.push(`Status: ${hub?.status ? STATUS_LABELS[hub.status] : "—"} → ${STATUS_LABELS[marketplace.status]}`);
  }
  if (marketplace.accessKey && marketplace.accessKey !== hub?.accessKey) {
    changes.push(`Chave da NF-e: ${formatAccessKeyGroups(marketplace.accessKey)}`);
  }
  if (marketplace.trackingCode && marketplace.trackingCode !== hub?.trackingCode) {
    changes.push(`Código de rastreio: ${marketplace.trackingCode}`);
  }
  return changes;
}
