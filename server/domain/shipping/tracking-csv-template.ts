// The downloadable model sheet; apart from the reader so the page offering it does not ship the CSV parser.
export const TRACKING_CSV_TEMPLATE = `\uFEFFPedido;Transportadora;Código de rastreio;Forma de envio;Data de postagem;Link de rastreio\r\nLAM-0000000001;Correios;AA123456785BR;SEDEX;27/11/2026;\r\n`;
