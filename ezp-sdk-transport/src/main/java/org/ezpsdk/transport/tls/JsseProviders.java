package org.ezpsdk.transport.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.util.List;
import java.util.TreeSet;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * Finds a JSSE provider that speaks GOST TLS, such as CryptoPro JTLS, by name at run time, and
 * builds an {@link SSLContext} from it. The SDK has no compile-time dependency on any such
 * provider.
 */
final class JsseProviders {

  private JsseProviders() {}

  /**
   * Returns the provider registered under the name, else an instance of the class, which is not
   * registered in {@link Security}.
   *
   * @throws ConfigurationException when neither is found, naming the provider and the alternatives
   */
  static Provider find(String name, String className) {
    Provider registered = Security.getProvider(name);
    if (registered != null) {
      return registered;
    }
    if (className != null) {
      Provider loaded = instantiate(name, className);
      if (loaded != null) {
        return loaded;
      }
    }
    throw new ConfigurationException(notInstalled(name, className));
  }

  /** Builds an initialised TLS context and returns it with its X.509 trust manager. */
  static Context context(Provider provider, JsseSettings settings) {
    SSLContext context;
    try {
      context = SSLContext.getInstance(settings.protocol(), provider);
    } catch (NoSuchAlgorithmException e) {
      throw missingService(provider, "SSLContext", "jsseProtocol", settings.protocol(), e);
    }
    if (settings.clientKeyStore() == null) {
      throw new ConfigurationException(
          "clientKeyStore is missing: ИС ЭПС requires mutual TLS with the client GOST"
              + " certificate registered with Russian Post; pass its key store to"
              + " clientKeyStore(...)");
    }
    X509TrustManager trustManager = trustManager(provider, settings);
    KeyManager[] keyManagers = keyManagers(provider, settings);
    try {
      context.init(keyManagers, new TrustManager[] {trustManager}, null);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to initialise the "
              + settings.protocol()
              + " context of JSSE provider "
              + provider.getName()
              + ": "
              + e.getMessage()
              + "; check the provider's installation and licence",
          e);
    }
    return new Context(context, trustManager);
  }

  /**
   * An initialised TLS context with the trust manager it checks servers with.
   *
   * @param sslContext the context
   * @param trustManager its trust manager, which OkHttp needs next to the socket factory
   */
  record Context(SSLContext sslContext, X509TrustManager trustManager) {}

  private static Provider instantiate(String name, String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader());
    } catch (ClassNotFoundException e) {
      return null;
    } catch (LinkageError e) {
      throw new ConfigurationException(
          "JSSE provider class "
              + className
              + " (for provider "
              + name
              + ") is on the class path but cannot be loaded: "
              + e
              + "; check that every jar the provider needs is there",
          e);
    }
    if (!Provider.class.isAssignableFrom(type)) {
      throw new ConfigurationException(
          "jsseProviderClass "
              + className
              + " is not a java.security.Provider; name the provider's main class, such as "
              + GostTlsTransport.DEFAULT_JSSE_PROVIDER_CLASS);
    }
    try {
      return (Provider) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigurationException(
          "Failed to create JSSE provider " + className + ": " + e + "; check its installation", e);
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : JsseProviders.class.getClassLoader();
  }

  private static String notInstalled(String name, String className) {
    return "The JSSE provider "
        + name
        + " for GOST TLS is not installed: java.security.Security has no provider named "
        + name
        + (className == null ? "" : " and class " + className + " is not on the class path")
        + ". The tls-gost transport in JSSE mode needs it (CryptoPro JTLS provides 'JTLS';"
        + " install CryptoPro JCP with JTLS and its licence). Alternatives without it: the"
        + " tls-gost transport in local proxy mode (mode=proxy, a stunnel on OpenSSL with"
        + " gost-engine that the SDK reaches over plain HTTP on 127.0.0.1), or the ViPNet channel"
        + " with the http transport";
  }

  private static X509TrustManager trustManager(Provider provider, JsseSettings settings) {
    TrustManagerFactory factory;
    try {
      factory = TrustManagerFactory.getInstance(settings.trustManagerAlgorithm(), provider);
    } catch (NoSuchAlgorithmException e) {
      throw missingService(
          provider,
          "TrustManagerFactory",
          "trustManagerAlgorithm",
          settings.trustManagerAlgorithm(),
          e);
    }
    try {
      factory.init(settings.trustStore());
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to read trustStore with "
              + provider.getName()
              + ": "
              + e.getMessage()
              + "; check the trust store",
          e);
    }
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new ConfigurationException(
        "The "
            + settings.trustManagerAlgorithm()
            + " trust manager factory of "
            + provider.getName()
            + " returned no X509TrustManager; check trustManagerAlgorithm");
  }

  private static KeyManager[] keyManagers(Provider provider, JsseSettings settings) {
    KeyStore keyStore = settings.clientKeyStore();
    KeyManagerFactory factory;
    try {
      factory = KeyManagerFactory.getInstance(settings.keyManagerAlgorithm(), provider);
    } catch (NoSuchAlgorithmException e) {
      throw missingService(
          provider, "KeyManagerFactory", "keyManagerAlgorithm", settings.keyManagerAlgorithm(), e);
    }
    try {
      factory.init(keyStore, settings.clientKeyPassword());
      return factory.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw new ConfigurationException(
          "The private key in clientKeyStore cannot be read with the given password; check the"
              + " key password",
          e);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to read clientKeyStore with "
              + provider.getName()
              + ": "
              + e.getMessage()
              + "; check the key store",
          e);
    }
  }

  private static ConfigurationException missingService(
      Provider provider, String type, String setting, String algorithm, Exception cause) {
    TreeSet<String> offered = new TreeSet<>();
    for (Provider.Service service : provider.getServices()) {
      if (service.getType().equals(type)) {
        offered.add(service.getAlgorithm());
      }
    }
    return new ConfigurationException(
        "JSSE provider "
            + provider.getName()
            + " has no "
            + type
            + " '"
            + algorithm
            + "'; set "
            + setting
            + " to one it offers: "
            + (offered.isEmpty() ? "none" : String.join(", ", List.copyOf(offered))),
        cause);
  }
}
