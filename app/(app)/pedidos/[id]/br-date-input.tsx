"use client";

import { useState } from "react";
import { formatBrDate, maskBrDate, toSaoPauloYmd } from "@/server/domain/time";
import { inputClass } from "../../../_components/form";

/**
 * A day typed as dd/mm/aaaa whatever the browser's language: a browser's own date input shows and reads dates in
 * its language (mm/dd/yyyy in an English one) and refuses in that language too. The server checks the day.
 */
export function BrDateInput(props: {
  id: string;
  name: string;
  describedBy: string | undefined;
  invalid: boolean;
  onChange?: () => void;
}) {
  const [value, setValue] = useState(() => formatBrDate(toSaoPauloYmd(new Date())));
  return (
    <input
      id={props.id}
      name={props.name}
      value={value}
      onChange={(e) => {
        setValue(maskBrDate(e.target.value));
        props.onChange?.();
      }}
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/aaaa"
      maxLength={10}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      className={inputClass}
    />
  );
}
