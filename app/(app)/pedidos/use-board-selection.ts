"use client";

import { useState } from "react";

const NONE: ReadonlySet<number> = new Set();

/**
 * The orders ticked on the board. A bulk action must act only on orders the seller sees under the current
 * filters: the ticks belong to one view (`view`, the filters as a key) and are dropped when it changes, and a
 * ticked order that a refresh took out of the view (the marketplace moved it to another tab) no longer counts.
 */
export type BoardSelection = ReturnType<typeof useBoardSelection>;

export function useBoardSelection(view: string, shownIds: number[]) {
  const [ticked, setTicked] = useState<{ view: string; ids: ReadonlySet<number> }>({ view, ids: NONE });
  const ids = ticked.view === view ? ticked.ids : NONE;
  const selected = shownIds.filter((id) => ids.has(id));

  return {
    selected,
    isSelected: (id: number) => ids.has(id),
    allSelected: shownIds.length > 0 && selected.length === shownIds.length,
    toggle: (id: number) => {
      const next = new Set(ids);
      if (!next.delete(id)) next.add(id);
      setTicked({ view, ids: next });
    },
    selectAll: (on: boolean) => setTicked({ view, ids: on ? new Set(shownIds) : NONE }),
    clear: () => setTicked({ view, ids: NONE }),
  };
}
