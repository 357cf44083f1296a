package org.ezpsdk.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;

/**
 * Records how far one call got. A failure before the first byte of the request was written means
 * the server cannot have acted on it, and a failure after it means it may have. Use one instance
 * per call. The fields are volatile because the call timeout cancels from a watchdog thread.
 */
public final class CallProgress extends EventListener {

  /**
   * Factory that gives each call the tracker attached to its request as a tag, or {@link
   * EventListener#NONE} when there is none.
   */
  public static final EventListener.Factory FACTORY =
      call -> {
        CallProgress progress = call.request().tag(CallProgress.class);
        return progress != null ? progress : EventListener.NONE;
      };

  private volatile InetSocketAddress connectAddress;
  private volatile Proxy connectProxy;
  private volatile boolean connected;
  private volatile boolean tlsStarted;
  private volatile boolean tlsFinished;
  private volatile boolean requestStarted;
  private volatile boolean requestSent;
  private volatile boolean responseStarted;

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    connectAddress = address;
    connectProxy = proxy;
  }

  @Override
  public void connectFailed(
      Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException e) {
    connectAddress = address;
    connectProxy = proxy;
  }

  @Override
  public void secureConnectStart(Call call) {
    tlsStarted = true;
  }

  @Override
  public void secureConnectEnd(Call call, Handshake handshake) {
    tlsFinished = true;
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    connected = true;
  }

  @Override
  public void requestHeadersStart(Call call) {
    // Set before the first header byte goes out, so a failure while writing the headers counts
    // as "may have arrived".
    requestStarted = true;
  }

  @Override
  public void requestHeadersEnd(Call call, Request request) {
    if (request.body() == null) {
      requestSent = true;
    }
  }

  @Override
  public void requestBodyEnd(Call call, long byteCount) {
    requestSent = true;
  }

  @Override
  public void responseHeadersStart(Call call) {
    responseStarted = true;
  }

  /** Returns the address of the last connection attempt (the proxy's when there is one). */
  public InetSocketAddress connectAddress() {
    return connectAddress;
  }

  /** Returns the proxy of the last connection attempt, or {@code null} before any attempt. */
  public Proxy connectProxy() {
    return connectProxy;
  }

  /** Returns true once a connection, new or pooled, was assigned to the call. */
  public boolean connected() {
    return connected;
  }

  /** Returns true while a TLS handshake has started and not finished. */
  public boolean inTlsHandshake() {
    return tlsStarted && !tlsFinished;
  }

  /** Returns true once a TLS handshake finished on the call's new connection. */
  public boolean tlsFinished() {
    return tlsFinished;
  }

  /** Returns true once writing the request began: from then on the server may have it. */
  public boolean requestStarted() {
    return requestStarted;
  }

  /** Returns true once the whole request, headers and body, was written. */
  public boolean requestSent() {
    return requestSent;
  }

  /** Returns true once reading the response headers began. */
  public boolean responseStarted() {
    return responseStarted;
  }
}
