package org.ezpsdk.transport.internal;

import java.time.Duration;

/**
 * The four OkHttp timeouts of a transport. Zero means no limit.
 *
 * @param connect the limit for opening the TCP connection
 * @param read the limit for each read, also during the TLS handshake
 * @param write the limit for each write of the request
 * @param call the limit for the whole call, from DNS lookup to the last byte of the response
 */
public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {}
