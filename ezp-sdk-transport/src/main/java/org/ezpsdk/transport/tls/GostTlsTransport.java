package org.ezpsdk.transport.tls;

import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.Provider;
import java.time.Duration;
import java.util.Objects;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.transport.http.HttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tls-gost} transport: reaches ИС ЭПС over mutual TLS 1.2 with GOST cipher suites (RFC
 * 9189) and the sender's client GOST certificate registered with Russian Post. The JDK's TLS has no
 * GOST, so the transport works in one of two modes:
 *
 * <ul>
 *   <li>{@link Mode#LOCAL_PROXY}: the SDK sends plain HTTP to a GOST TLS client proxy on the same
 *       machine, such as stunnel on OpenSSL with gost-engine ({@link StunnelConfig}, {@link
 *       StunnelProcess}). Request URLs keep their path and query but go to the proxy's address; the
 *       {@code Host} header keeps the real host.
 *   <li>{@link Mode#JSSE}: the SDK speaks GOST TLS itself through a JSSE provider installed at run
 *       time, by default CryptoPro JTLS ({@code SSLContext} "GostTLSv1.2", key and trust managers
 *       "GostX509", provider "JTLS").
 * </ul>
 *
 * <p>Both modes send each request at most once over an {@link HttpTransport}; see its notes on
 * retries and redirects. Thread-safe. Call {@link #close()} when done with it.
 */
public final class GostTlsTransport implements Transport {

  /** The name by which this transport is chosen. */
  public static final String NAME = "tls-gost";

  /** The JSSE provider name of CryptoPro JTLS. */
  public static final String DEFAULT_JSSE_PROVIDER = "JTLS";

  /** The main class of CryptoPro JTLS, loaded when no provider named JTLS is registered. */
  public static final String DEFAULT_JSSE_PROVIDER_CLASS = "ru.CryptoPro.ssl.Provider";

  /** The SSLContext algorithm of CryptoPro JTLS for TLS 1.2 with GOST suites. */
  public static final String DEFAULT_JSSE_PROTOCOL = "GostTLSv1.2";

  /** The key and trust manager algorithm of CryptoPro JTLS. */
  public static final String DEFAULT_JSSE_MANAGER_ALGORITHM = "GostX509";

  private static final Logger log = LoggerFactory.getLogger(GostTlsTransport.class);

  /** The source of GOST TLS for the transport. */
  public enum Mode {
    /** Plain HTTP to a local GOST TLS client proxy, such as stunnel with gost-engine. */
    LOCAL_PROXY,
    /** GOST TLS through a JSSE provider installed at run time, such as CryptoPro JTLS. */
    JSSE
  }

  private final Mode mode;
  private final HttpTransport http;
  private final LocalProxyRoute route;
  private final String description;

  private GostTlsTransport(
      Mode mode, HttpTransport http, LocalProxyRoute route, String description) {
    this.mode = mode;
    this.http = http;
    this.route = route;
    this.description = description;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Sends the request once and returns the response, whatever its status code.
   *
   * @throws TransportException when no complete response arrived. In local proxy mode the message
   *     names the proxy, because TLS errors show only in the proxy's log.
   * @throws ConfigurationException when the URL is not http or https, or in local proxy mode names
   *     another host than the one the proxy connects to
   */
  @Override
  public TransportResponse execute(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (route == null) {
      return http.execute(request);
    }
    TransportRequest routed = route.rewrite(request);
    try {
      return http.execute(routed);
    } catch (TransportException e) {
      // NOTE: a TLS failure behind the proxy reaches the SDK as a dropped connection, so its kind
      // stays that of the local failure and the client may retry it.
      throw route.failure(request, e);
    }
  }

  /** Closes the underlying HTTP transport. A proxy process is not stopped; its owner stops it. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Builder of {@link GostTlsTransport}. Choose the mode with {@link #localProxy} or {@link
   * #jsseProvider}. The timeouts default to those of {@link HttpTransport.Builder}.
   */
  public static final class Builder {
    private final HttpTransport.Builder http = HttpTransport.builder();
    private InetSocketAddress proxyAddress;
    private String remoteHost;
    private int remotePort;
    private String jsseProvider;
    private String jsseProviderClass;
    private String jsseProtocol = DEFAULT_JSSE_PROTOCOL;
    private String keyManagerAlgorithm = DEFAULT_JSSE_MANAGER_ALGORITHM;
    private String trustManagerAlgorithm = DEFAULT_JSSE_MANAGER_ALGORITHM;
    private KeyStore clientKeyStore;
    private char[] clientKeyPassword;
    private KeyStore trustStore;

    private Builder() {}

    /**
     * Chooses the local proxy mode with a proxy that accepts plain HTTP at the address. Any request
     * host is sent to it, since the proxy's remote host is not known here.
     */
    public Builder localProxy(InetSocketAddress acceptAddress) {
      this.proxyAddress = acceptAddress;
      this.remoteHost = null;
      return this;
    }

    /**
     * Chooses the local proxy mode with the stunnel of the configuration. Requests must name the
     * host and port that stunnel connects to; others are rejected before anything is sent.
     */
    public Builder localProxy(StunnelConfig config) {
      this.proxyAddress = config.acceptAddress();
      this.remoteHost = config.connectHost();
      this.remotePort = config.connectPort();
      return this;
    }

    /**
     * Chooses the JSSE mode with the provider registered under the name, or, when none is, an
     * instance of the class. Use {@link #DEFAULT_JSSE_PROVIDER} and {@link
     * #DEFAULT_JSSE_PROVIDER_CLASS} for CryptoPro JTLS.
     *
     * @param providerName the provider name, such as {@code JTLS}
     * @param providerClass the provider's main class, or null to look up by name only
     */
    public Builder jsseProvider(String providerName, String providerClass) {
      this.jsseProvider = providerName;
      this.jsseProviderClass = providerClass;
      return this;
    }

    /** Sets the SSLContext algorithm of the JSSE mode; default {@code GostTLSv1.2}. */
    public Builder jsseProtocol(String protocol) {
      this.jsseProtocol = protocol;
      return this;
    }

    /** Sets the KeyManagerFactory algorithm of the JSSE mode; default {@code GostX509}. */
    public Builder keyManagerAlgorithm(String algorithm) {
      this.keyManagerAlgorithm = algorithm;
      return this;
    }

    /** Sets the TrustManagerFactory algorithm of the JSSE mode; default {@code GostX509}. */
    public Builder trustManagerAlgorithm(String algorithm) {
      this.trustManagerAlgorithm = algorithm;
      return this;
    }

    /**
     * Sets the client GOST key and certificate of the JSSE mode, which ИС ЭПС requires. The
     * password is copied; the caller may clear its array afterwards.
     *
     * @param keyStore a loaded key store of a type the provider reads, such as CryptoPro's
     *     HDImageStore or a PKCS#12 file
     * @param keyPassword the password of the private key entry, or null when it has none
     */
    public Builder clientKeyStore(KeyStore keyStore, char[] keyPassword) {
      this.clientKeyStore = keyStore;
      this.clientKeyPassword = keyPassword == null ? null : keyPassword.clone();
      return this;
    }

    /**
     * Sets the certificates the JSSE mode trusts for the server; null for the provider's default.
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = trustStore;
      return this;
    }

    /** Sets the limit for opening the TCP connection; zero means no limit. */
    public Builder connectTimeout(Duration timeout) {
      http.connectTimeout(timeout);
      return this;
    }

    /** Sets the limit for each read, including each step of a TLS handshake. */
    public Builder readTimeout(Duration timeout) {
      http.readTimeout(timeout);
      return this;
    }

    /** Sets the limit for each write of the request. */
    public Builder writeTimeout(Duration timeout) {
      http.writeTimeout(timeout);
      return this;
    }

    /** Sets the limit for the whole call. */
    public Builder callTimeout(Duration timeout) {
      http.callTimeout(timeout);
      return this;
    }

    /**
     * Builds the transport. In JSSE mode this looks up the provider and builds its TLS context, so
     * a missing provider fails here, not at the first handshake.
     *
     * @throws ConfigurationException when no mode or both modes are chosen, the JSSE provider is
     *     not installed or lacks an algorithm, a key store cannot be used, or a timeout is invalid
     */
    public GostTlsTransport build() {
      boolean proxy = proxyAddress != null;
      boolean jsse = jsseProvider != null;
      if (proxy == jsse) {
        throw new ConfigurationException(
            "The tls-gost transport needs exactly one mode, got "
                + (proxy ? "both localProxy and jsseProvider" : "neither")
                + "; call localProxy(...) for a local GOST TLS proxy such as stunnel, or"
                + " jsseProvider(\"JTLS\", \"ru.CryptoPro.ssl.Provider\") for CryptoPro JTLS");
      }
      return proxy ? buildLocalProxy() : buildJsse();
    }

    private GostTlsTransport buildLocalProxy() {
      if (proxyAddress.isUnresolved()) {
        throw new ConfigurationException(
            "localProxy address " + proxyAddress + " cannot be resolved; use an IP address");
      }
      if (!proxyAddress.getAddress().isLoopbackAddress()) {
        log.warn(
            "The local GOST TLS proxy {} is not on a loopback address: requests, including their"
                + " Authorization header, travel to it unencrypted",
            proxyAddress);
      }
      LocalProxyRoute route = new LocalProxyRoute(proxyAddress, remoteHost, remotePort);
      HttpTransport transport = http.build();
      String description =
          "GostTlsTransport[mode=LOCAL_PROXY, proxy="
              + StunnelConfig.hostPort(proxyAddress)
              + (remoteHost == null
                  ? ""
                  : ", remote=" + StunnelConfig.hostPort(remoteHost, remotePort))
              + ", http="
              + transport
              + "]";
      return new GostTlsTransport(Mode.LOCAL_PROXY, transport, route, description);
    }

    private GostTlsTransport buildJsse() {
      Provider provider = JsseProviders.find(jsseProvider, jsseProviderClass);
      JsseSettings settings =
          new JsseSettings(
              jsseProtocol,
              keyManagerAlgorithm,
              trustManagerAlgorithm,
              clientKeyStore,
              clientKeyPassword,
              trustStore);
      JsseProviders.Context context = JsseProviders.context(provider, settings);
      HttpTransport transport =
          http.sslContext(context.sslContext(), context.trustManager()).build();
      String description =
          "GostTlsTransport[mode=JSSE, provider="
              + provider.getName()
              + ", protocol="
              + jsseProtocol
              + ", trustStore="
              + (trustStore == null ? "provider default" : "custom")
              + ", http="
              + transport
              + "]";
      return new GostTlsTransport(Mode.JSSE, transport, null, description);
    }
  }
}
