// The address a client of the harness connects to.

/** Where the proxy under test accepts connections. */
export interface ProxyEndpoint {
  host: string;
  port: number;
}
