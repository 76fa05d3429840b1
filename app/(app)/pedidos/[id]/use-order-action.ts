"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../../_trpc/client";
import { toUiError, type UiError } from "../../../_trpc/errors";
import { invalidateOrderViews } from "../../../_trpc/invalidate";

export interface ActionOutcome {
  warnings: { code: string; message: string }[];
  heldNotice: string | null;
}

/**
 * Runs one order action: keeps the server's error for the form, and on success refreshes what shows the order (its
 * page, the board, the counts, the dashboard).
 */
export function useOrderAction<TInput>(
  mutate: (input: TInput) => Promise<ActionOutcome>,
  onDone: (outcome: ActionOutcome) => void,
) {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const [error, setError] = useState<UiError | null>(null);
  const [pending, setPending] = useState(false);

  async function run(input: TInput) {
    setPending(true);
    setError(null);
    try {
      const outcome = await mutate(input);
      await invalidateOrderViews(queryClient, trpc);
      onDone(outcome);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setPending(false);
    }
  }

  /** Called when the seller edits the input: a refusal about the old value no longer describes what is typed. */
  function inputChanged() {
    if (error && error.domainCode !== "VERSION_CONFLICT") setError(null);
  }

  return { run, error, pending, inputChanged, isConflict: error?.domainCode === "VERSION_CONFLICT" };
}
