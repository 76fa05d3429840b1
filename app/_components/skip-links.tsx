"use client";

import { usePathname } from "next/navigation";

const skipLink =
  "sr-only rounded-md bg-white px-3 py-2 text-sm font-semibold text-brand-900 shadow focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50";

/** The first Tab stops of every signed-in page: past the header to the page, and on the board straight to its search. */
export function SkipLinks() {
  const pathname = usePathname();
  return (
    <div className="print:hidden">
      <a href="#conteudo" className={skipLink}>
        Pular para o conteúdo
      </a>
      {pathname === "/pedidos" && (
        <a href="#busca" className={skipLink}>
          Ir para a busca
        </a>
      )}
    </div>
  );
}
