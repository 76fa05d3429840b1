"use client";

import { useState } from "react";

/**
 * A dashed area that takes files by drag and drop or by clicking anywhere on it; the input stays in the
 * accessibility tree under `inputLabel`, so keyboard and screen-reader users choose files the usual way.
 */
export function FileDropZone(props: {
  inputLabel: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  children: React.ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    <label
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        props.onFiles([...e.dataTransfer.files]);
      }}
      className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
    >
      {props.children}
      <input
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        disabled={props.disabled}
        className="sr-only"
        aria-label={props.inputLabel}
        onChange={(e) => {
          props.onFiles([...(e.target.files ?? [])]);
          // The same file chosen again must fire again (a corrected note with the same name).
          e.target.value = "";
        }}
      />
    </label>
  );
}
