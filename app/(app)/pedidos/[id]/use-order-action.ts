"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";
import { invalidateOrderViews } from "../../../_trpc/invalidate";

export interface ActionOutcome {
  warnings: { code: string; message: string }[];
  heldNotice: string | null;
}

/**
 * One order action as a TanStack mutation: the server's refusal stays for the form, and on success what shows the
 * order (its page, the board, the counts, the dashboard) is refreshed before the page says what was done.
 */
export function useOrderAction<TInput>(
  mutate: (input: TInput) => Promise<ActionOutcome>,
  onDone: (outcome: ActionOutcome) => void,
) {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const mutation = useMutation({
    mutationFn: mutate,
    onSuccess: async (outcome) => {
      await invalidateOrderViews(queryClient, trpc);
      onDone(outcome);
    },
  });
  const error = mutation.error ? toUiError(mutation.error) : null;

  /** Called when the seller edits the input: a refusal about the old value no longer describes what is typed. */
  function inputChanged() {
    if (error && error.domainCode !== "VERSION_CONFLICT") mutation.reset();
  }

  return {
    // The refusal is shown from the mutation's state; nothing else is to be done with the rejected promise.
    run: (input: TInput) => mutation.mutateAsync(input).catch(() => undefined),
    error,
    pending: mutation.isPending,
    inputChanged,
    isConflict: error?.domainCode === "VERSION_CONFLICT",
  };
}
