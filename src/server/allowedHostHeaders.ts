import { isIPv6 } from "node:net";
import { networkInterfaces } from "node:os";

/**
 * The addresses at which ECS and EKS serve container credentials, and which every SDK accepts over
 * plain http. A proxy container at one of them (the Docker recipe: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
 * makes the SDKs call http://169.254.170.2/...) passes on the SDK's `Host` header unchanged.
 */
export const CONTAINER_ENDPOINT_HOSTS: readonly string[] = Object.freeze(["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]);

/** What `allowedHostHeaders` needs to know of the machine; `os.networkInterfaces` unless a test says otherwise. */
export type InterfaceLister = () => ReturnType<typeof networkInterfaces>;

/**
 * The `Host` header values the endpoint answers, lower-cased. A browser page that points a DNS name
 * of its own at 127.0.0.1 (DNS rebinding) sends that name as the Host: refused, whatever else the
 * request holds. Accepted:
 * - the address the endpoint is bound to, with its port (for a wildcard bind, `0.0.0.0` or `::`, every
 *   address of this machine's interfaces, since a consumer connects to one of those);
 * - `localhost` with the port;
 * - the container-credentials addresses ({@link CONTAINER_ENDPOINT_HOSTS}) on port 80, for a proxy
 *   container at that address. These are IP literals: a browser sends one only when it connects to
 *   that very address, so no DNS answer can put them in front of the endpoint.
 * A port of 80 may also be left out, as clients do for http's default port.
 */
export function allowedHostHeaders(boundAddress: string, port: number, listInterfaces: InterfaceLister = networkInterfaces): Set<string> {
  const names = new Set<string>(["localhost"]);
  if (boundAddress === "0.0.0.0" || boundAddress === "::") {
    for (const entries of Object.values(listInterfaces())) {
      for (const entry of entries ?? []) {
        if (boundAddress === "0.0.0.0" && entry.family !== "IPv4") continue;
        // A scoped IPv6 address (fe80::1%eth0) is not something a Host header can hold usefully.
        if (entry.address.includes("%")) continue;
        names.add(hostName(entry.address));
      }
    }
  } else {
    names.add(hostName(boundAddress));
  }
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${name}:${port}`.toLowerCase());
    if (port === 80) allowed.add(name.toLowerCase());
  }
  for (const name of CONTAINER_ENDPOINT_HOSTS) {
    allowed.add(name);
    allowed.add(`${name}:80`);
  }
  return allowed;
}

/** An address as it appears in a URL or a Host header: IPv6 in brackets. */
export function hostName(address: string): string {
  return isIPv6(address) ? `[${address}]` : address;
}
