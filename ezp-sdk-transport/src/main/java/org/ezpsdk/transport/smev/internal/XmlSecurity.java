package org.ezpsdk.transport.smev.internal;

import java.security.Provider;
import java.security.Security;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.JCEMapper;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.AlgorithmAlreadyRegisteredException;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.transforms.Transform;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.ezpsdk.transport.smev.SmevTransform;

/**
 * Initialises Santuario once per class loader and registers what СМЭВ signatures need: the {@link
 * SmevTransform}, GOST R 34.10-2012 signature methods and Streebog digest methods under the
 * CryptoPro URIs. Signing and verifying both go through {@link #init()}. Registrations made earlier
 * by another library under the same URIs are kept.
 */
public final class XmlSecurity {
  public static final String SIGNATURE_256 =
      "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256";
  public static final String SIGNATURE_512 =
      "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512";
  public static final String DIGEST_256 =
      "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256";
  public static final String DIGEST_512 =
      "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-512";

  private static final Provider BOUNCY_CASTLE = registerBouncyCastle();
  private static boolean initialised;

  private XmlSecurity() {}

  /** Initialises Santuario and registers the СМЭВ algorithms; later calls do nothing. */
  public static synchronized void init() {
    if (initialised) {
      return;
    }
    Init.init();
    JCEMapper.register(
        DIGEST_256, new JCEMapper.Algorithm("", "GOST3411-2012-256", "MessageDigest"));
    JCEMapper.register(
        DIGEST_512, new JCEMapper.Algorithm("", "GOST3411-2012-512", "MessageDigest"));
    try {
      Transform.register(SmevTransform.URI, SmevTransformSpi.class);
    } catch (AlgorithmAlreadyRegisteredException e) {
      // Another library registered the transform first; its implementation stays.
    } catch (XMLSecurityException e) {
      throw new IllegalStateException("Failed to register the СМЭВ transform", e);
    }
    registerSignature(SIGNATURE_256, GostSignatureSpi.Gost256.class);
    registerSignature(SIGNATURE_512, GostSignatureSpi.Gost512.class);
    initialised = true;
  }

  /** Returns the Bouncy Castle provider the GOST algorithms come from. */
  public static Provider bouncyCastle() {
    return BOUNCY_CASTLE;
  }

  private static void registerSignature(String uri, Class<? extends GostSignatureSpi> type) {
    try {
      SignatureAlgorithm.register(uri, type);
    } catch (AlgorithmAlreadyRegisteredException e) {
      // Another library registered the algorithm first; its implementation stays.
    } catch (ClassNotFoundException | XMLSecurityException e) {
      throw new IllegalStateException("Failed to register the signature method " + uri, e);
    }
  }

  private static synchronized Provider registerBouncyCastle() {
    Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (existing != null) {
      return existing;
    }
    Provider created = new BouncyCastleProvider();
    Security.addProvider(created);
    return created;
  }
}
