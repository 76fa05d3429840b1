"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPCClient } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";

/** A link to an order of any account (see `StaffAccountLink`). */
export function StaffOrderLink(props: {
  accountId: number;
  orderId: number;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <StaffAccountLink accountId={props.accountId} href={`/pedidos/${props.orderId}`} className={props.className}>
      {props.children}
    </StaffAccountLink>
  );
}

/**
 * A link to a page of one account (an order, the board). Those pages show the account staff selected in the
 * header, so the link switches to that account first; otherwise an order would open on "Pedido não encontrado".
 */
export function StaffAccountLink(props: {
  accountId: number;
  href: string;
  className?: string;
  children: React.ReactNode;
}) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { href } = props;

  async function open(e: React.MouseEvent<HTMLAnchorElement>) {
    const newTab = e.metaKey || e.ctrlKey || e.shiftKey || e.button === 1;
    e.preventDefault();
    setError(null);
    try {
      await client.accounts.switch.mutate({ accountId: props.accountId });
    } catch (cause) {
      setError(toUiError(cause).message);
      return;
    }
    // Everything cached belonged to the previous account (the header's account picker does the same).
    void queryClient.invalidateQueries();
    if (newTab) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  return (
    <>
      <Link
        href={href}
        className={props.className}
        onClick={(e) => void open(e)}
        onAuxClick={(e) => e.button === 1 && void open(e)}
      >
        {props.children}
      </Link>
      {error && (
        <span role="alert" className="block text-xs font-normal text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
