"use client";

import { useEffect, useId, useState } from "react";
import { formatBrDate, maskBrDate, parseBrDate } from "@/server/domain/time";

/**
 * A filter day typed as dd/mm/aaaa whatever the browser's language (its own date input reads mm/dd/yyyy in an
 * English one). The board's URL keeps the ISO day; it changes once the typed day is a whole, real one.
 */
export function DayFilterInput(props: { label: string; value: string | null; onChange: (ymd: string | null) => void }) {
  const id = useId();
  const [text, setText] = useState(props.value ? formatBrDate(props.value) : "");
  // A day set from elsewhere ("Limpar filtros", a link) replaces what the field shows.
  useEffect(() => {
    setText((current) =>
      parseBrDate(current) === props.value ? current : props.value ? formatBrDate(props.value) : "",
    );
  }, [props.value]);
  const invalid = text.length === 10 && parseBrDate(text) === null;

  return (
    <div className="text-sm">
      <label htmlFor={id} className="block text-slate-600">
        {props.label}
      </label>
      <input
        id={id}
        value={text}
        onChange={(e) => {
          const typed = maskBrDate(e.target.value);
          setText(typed);
          const ymd = parseBrDate(typed);
          if (typed === "") props.onChange(null);
          else if (ymd && typed.length === 10) props.onChange(ymd);
        }}
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/aaaa"
        maxLength={10}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        className="mt-1 w-32 rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
      />
      {invalid && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          Esta data não existe: confira o dia e o mês.
        </p>
      )}
    </div>
  );
}
