import { SsoConfigError } from "./SsoConfigError.js";

export interface EndpointListenErrorOptions {
  /** The address the endpoint was to listen on. */
  host: string;
  /** The port asked for (0: any free port). */
  port: number;
  /** The system's error (`EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`...). */
  cause: unknown;
}

/**
 * The credentials endpoint cannot listen where it was told to: the port is taken, needs privileges,
 * or the address is not one of this machine's. A configuration problem (exit code 78): the message
 * names the address and port and says which flag to change.
 */
export class EndpointListenError extends SsoConfigError {
  override name = "EndpointListenError";
  readonly host: string;
  readonly port: number;
  readonly code: string | undefined;

  constructor(options: EndpointListenErrorOptions) {
    const { host, port, cause } = options;
    const code = (cause as { code?: unknown } | null)?.code;
    const codeText = typeof code === "string" ? code : undefined;
    super(problem(host, port, codeText), { cause });
    this.host = host;
    this.port = port;
    this.code = codeText;
  }
}

function problem(host: string, port: number, code: string | undefined): string {
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  switch (code) {
    case "EADDRINUSE":
      return `Port ${port} is already in use on ${host}, so the credentials endpoint cannot listen on ${where} (another aws-sso-creds serve, or another program). Choose another port with --port N, or leave --port out for a free one.`;
    case "EACCES":
      return `Not allowed to listen on ${where} (EACCES): ports below 1024 need privileges. Choose a port of 1024 or more with --port N, or leave --port out for a free one.`;
    case "EADDRNOTAVAIL":
      return `Cannot listen on ${where} (EADDRNOTAVAIL): ${host} is not an address of this machine. Pass one of its addresses with --host, or leave --host out for 127.0.0.1.`;
    default:
      return `Cannot listen on ${where} (${code ?? "unknown error"}). Check --host and --port, or leave them out for 127.0.0.1 and a free port.`;
  }
}
