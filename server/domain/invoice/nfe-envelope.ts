// What makes a document an NF-e of the layout the hub reads, beyond its element names (SPEC §3): the envelope in the
// NF-e namespace and the layout version 4.00. Element names alone matched files that merely look like an NF-e.
import { attributeOf, child, namespaceAt, type XmlNode } from "./xml-tree";

const NFE_NAMESPACE = "http://www.portalfiscal.inf.br/nfe";
const LAYOUT_VERSION = "4.00";

const RESEND = "Baixe de novo o XML autorizado no emissor e envie o arquivo sem editar.";

/** Root first, so the message names the outermost element that is wrong. */
function envelopePaths(tree: XmlNode): string[][] {
  if (child(tree, "NFe")) return [["NFe"], ["NFe", "infNFe"]];
  return [["nfeProc"], ["nfeProc", "NFe"], ["nfeProc", "NFe", "infNFe"], ["nfeProc", "protNFe"]];
}

/** Why the envelope is not in the NF-e namespace, or null; call it on a tree extractNfe accepted. */
export function namespaceProblem(tree: XmlNode, qualified: XmlNode): string | null {
  for (const path of envelopePaths(tree)) {
    const namespace = namespaceAt(qualified, path);
    // Absent protNFe is for the authorisation check to report.
    if (namespace === undefined || namespace === NFE_NAMESPACE) continue;
    const where = namespace === null ? "está sem namespace" : `está no namespace "${namespace}"`;
    return `O elemento <${path.at(-1)}> do XML ${where}, e o de uma NF-e é ${NFE_NAMESPACE}. ${RESEND}`;
  }
  return null;
}

/** Why the layout is not 4.00, or null. NFe itself carries no version; nfeProc and infNFe do. */
export function versionProblem(tree: XmlNode): string | null {
  const proc = child(tree, "nfeProc");
  const infNFe = child(child(proc, "NFe") ?? child(tree, "NFe"), "infNFe");
  const versions = [{ element: "infNFe", version: attributeOf(infNFe, "versao") }];
  if (proc) versions.unshift({ element: "nfeProc", version: attributeOf(proc, "versao") });
  for (const { element, version } of versions) {
    if (version === LAYOUT_VERSION) continue;
    if (version === undefined) {
      return `O XML não informa a versão do leiaute da NF-e (atributo versao do <${element}>), que deve ser ${LAYOUT_VERSION}. ${RESEND}`;
    }
    return `O XML é de uma NF-e no leiaute ${version} (atributo versao do <${element}>), e só o leiaute ${LAYOUT_VERSION}, o atual, é aceito. Envie o XML de uma NF-e emitida no leiaute ${LAYOUT_VERSION}.`;
  }
  return null;
}
