"use client";

import { useId, useState } from "react";
import { formatBrDate, maskBrDate, parseBrDate } from "@/server/domain/time";

/**
 * One end of the dashboard's period, typed as dd/mm/aaaa whatever the browser's language. The period changes once
 * the day is whole and real; an empty field clears that end.
 */
export function PeriodField(props: { label: string; value: string | null; onChange: (ymd: string | null) => void }) {
  const id = useId();
  const [typed, setTyped] = useState(props.value ? formatBrDate(props.value) : "");
  const [shown, setShown] = useState(props.value);
  // The URL can change from outside (back button, a link): show its day then.
  if (props.value !== shown) {
    setShown(props.value);
    setTyped(props.value ? formatBrDate(props.value) : "");
  }
  const day = parseBrDate(typed);
  const incomplete = typed !== "" && typed.length === 10 && !day;
  return (
    <div>
      <label htmlFor={id} className="block text-slate-600">
        {props.label}
      </label>
      <input
        id={id}
        value={typed}
        onChange={(e) => {
          const next = maskBrDate(e.target.value);
          setTyped(next);
          const ymd = next === "" ? null : parseBrDate(next);
          if (next === "" || ymd) {
            setShown(ymd);
            props.onChange(ymd);
          }
        }}
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/aaaa"
        maxLength={10}
        aria-invalid={incomplete}
        aria-describedby={incomplete ? `${id}-error` : undefined}
        className="mt-1 w-32 rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
      />
      {incomplete && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          Digite um dia que exista, como 05/11/2026.
        </p>
      )}
    </div>
  );
}
