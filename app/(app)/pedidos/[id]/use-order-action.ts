"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toUiError, type UiError } from "../../../_trpc/errors";

export interface ActionOutcome {
  warnings: { code: string; message: string }[];
  heldNotice: string | null;
}

/**
 * Runs one order action: keeps the server's error for the form, and on success refreshes everything
 * that shows the order (its page, the board, the counts).
 */
export function useOrderAction<TInput>(
  mutate: (input: TInput) => Promise<ActionOutcome>,
  onDone: (outcome: ActionOutcome) => void,
) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<UiError | null>(null);
  const [pending, setPending] = useState(false);

  async function run(input: TInput) {
    setPending(true);
    setError(null);
    try {
      const outcome = await mutate(input);
      await queryClient.invalidateQueries();
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
